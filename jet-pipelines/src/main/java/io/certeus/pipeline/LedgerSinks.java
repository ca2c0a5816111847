package io.certeus.pipeline;

import com.hazelcast.internal.serialization.impl.HeapData;
import com.hazelcast.jet.pipeline.Sink;
import com.hazelcast.jet.pipeline.Sinks;
import io.certeus.core.MapNames;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.RejectedEvent;
import io.certeus.core.shard.LedgerKey;
import io.certeus.pipeline.stage.AnchorLookup;
import io.certeus.pipeline.stage.PriorEntryLookup;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The outputs of the ledger pipeline, handed to {@link LedgerPipeline#build} so tests can collect
 * them in lists while production writes the CERTEUS maps.
 *
 * <p>Every production sink is a keyed put or remove, so a replay after failover rewrites identical
 * values (idempotent sinks, as exactly-once with IMaps requires).
 *
 * <p>Thread-safe: immutable.
 */
public final class LedgerSinks {
    private final Sink<LedgerEntry> ledger;
    private final Sink<Map.Entry<UUID, RejectedEvent>> rejected;
    private final Sink<Anchor> anchors;
    private final Sink<byte[]> ingestCleanup;
    private final AnchorLookup anchorLookup;
    private final PriorEntryLookup priorLookup;

    public LedgerSinks(Sink<LedgerEntry> ledger, Sink<Map.Entry<UUID, RejectedEvent>> rejected, Sink<Anchor> anchors,
            Sink<byte[]> ingestCleanup, AnchorLookup anchorLookup, PriorEntryLookup priorLookup) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.rejected = Objects.requireNonNull(rejected, "rejected");
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.ingestCleanup = Objects.requireNonNull(ingestCleanup, "ingestCleanup");
        this.anchorLookup = Objects.requireNonNull(anchorLookup, "anchorLookup");
        this.priorLookup = Objects.requireNonNull(priorLookup, "priorLookup");
    }

    /**
     * The CERTEUS maps: ledger {@code LedgerKey -> LedgerEntry} (receipts are read from it),
     * rejected {@code UUID -> RejectedEvent} (keyed by an id derived from where the refused event or
     * entry was stored, see {@link io.certeus.pipeline.stage.IngestedEvent#recordId()}), anchors {@code Long -> Anchor}; every ingest key read, CERTEUS
     * batch or foreign entry, is removed so nothing lingers in the ingest map.
     */
    public static LedgerSinks grid() {
        return new LedgerSinks(
                Sinks.map(MapNames.LEDGER, e -> new LedgerKey(e.shard(), e.position()), e -> e),
                Sinks.map(MapNames.REJECTED),
                Sinks.map(MapNames.ANCHORS, Anchor::sequence, a -> a),
                // The stored bytes, not a deserialized key: they remove keys that do not deserialize, or that sit on a foreign partition.
                Sinks.<byte[], Object, Object>mapWithUpdating(MapNames.INGEST, HeapData::new, (old, keyData) -> null),
                AnchorLookup.imap(MapNames.ANCHORS),
                PriorEntryLookup.grid());
    }

    public Sink<LedgerEntry> ledger() {
        return ledger;
    }

    public Sink<Map.Entry<UUID, RejectedEvent>> rejected() {
        return rejected;
    }

    public Sink<Anchor> anchors() {
        return anchors;
    }

    /** Removes ingest keys the job has read (items are the keys). */
    /** Removes ingest entries by their stored key bytes ({@link io.certeus.core.model.IngestJournalItem#keyData()}). */
    public Sink<byte[]> ingestCleanup() {
        return ingestCleanup;
    }

    public AnchorLookup anchorLookup() {
        return anchorLookup;
    }

    /** Where the job finds what the ledger already holds under an eventId. */
    public PriorEntryLookup priorLookup() {
        return priorLookup;
    }
}
