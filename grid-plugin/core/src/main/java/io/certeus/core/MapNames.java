package io.certeus.core;

/**
 * Names of every distributed structure CERTEUS uses, in one place. The same names appear in
 * {@code config/hazelcast.yaml}.
 */
public final class MapNames {
    /** Submitted events in lane batches, journaled; {@code IngestKey -> EventBatch} (see {@code IngestLanes}). */
    public static final String INGEST = "certeus-ingest";
    /** Chained entries; {@code LedgerKey -> LedgerEntry}; write-behind to PostgreSQL. */
    public static final String LEDGER = "certeus-ledger";
    /**
     * The ledger map's indexed attribute for receipt lookups (a HASH index in {@code hazelcast.yaml});
     * the Compact field holding the event id as a string.
     */
    public static final String LEDGER_EVENT_ID_ATTRIBUTE = "eventId";
    /** Merkle checkpoints; {@code Long sequence -> Anchor}; write-behind to PostgreSQL. */
    public static final String ANCHORS = "certeus-anchors";
    /**
     * How much of each shard's chain PostgreSQL holds, one entry ({@code "ledger" -> long[]}, see
     * {@code DurableSizes}); in memory only, republished from PostgreSQL when members start.
     */
    public static final String DURABLE = "certeus-durable";
    /** Refused events with reasons; {@code UUID -> RejectedEvent}; write-behind to PostgreSQL. */
    public static final String REJECTED = "certeus-rejected";

    /** Name of the six-stage ledger job. */
    public static final String LEDGER_JOB = "certeus-ledger-pipeline";

    private MapNames() {
    }
}
