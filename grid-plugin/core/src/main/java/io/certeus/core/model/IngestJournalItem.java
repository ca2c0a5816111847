package io.certeus.core.model;

import io.certeus.core.shard.IngestKey;

import java.util.Objects;

/**
 * One put event of the ingest map's journal as the ledger job's source hands it on: either a
 * CERTEUS batch in its own lane ({@link #key()} and {@link #batch()}), or a foreign entry, anything
 * else a client wrote to the map, with the reason it is not a batch. Every item carries the entry's
 * key as stored ({@link #keyData()}, Hazelcast's serialized form), so the job can remove even a key
 * that does not deserialize.
 *
 * <p>Built on the member that owns the journal partition, by a projection that never throws, so no
 * entry can fail the job's source.
 *
 * <p>Thread-safe: immutable (the key bytes are never exposed for writing).
 */
public final class IngestJournalItem {
    private final byte[] keyData;
    private final IngestKey key;
    private final EventBatch batch;
    private final byte[] foreignValueData;
    private final String foreignReason;
    private final boolean afterLostEvents;

    private IngestJournalItem(byte[] keyData, IngestKey key, EventBatch batch, byte[] foreignValueData, String foreignReason,
            boolean afterLostEvents) {
        this.keyData = Objects.requireNonNull(keyData, "keyData");
        this.key = key;
        this.batch = batch;
        this.foreignValueData = foreignValueData;
        this.foreignReason = foreignReason;
        this.afterLostEvents = afterLostEvents;
    }

    /** A CERTEUS batch, stored under {@code key} in its own lane. */
    public static IngestJournalItem batch(byte[] keyData, IngestKey key, EventBatch batch, boolean afterLostEvents) {
        return new IngestJournalItem(keyData, Objects.requireNonNull(key, "key"), Objects.requireNonNull(batch, "batch"), null,
                null, afterLostEvents);
    }

    /**
     * Anything else: {@code key} is set when the key is an {@link IngestKey} (then the value, or where
     * the key was stored, is what is wrong); {@code valueData} is the value as stored.
     */
    public static IngestJournalItem foreign(byte[] keyData, IngestKey key, byte[] valueData, String reason, boolean afterLostEvents) {
        return new IngestJournalItem(keyData, key, null, Objects.requireNonNull(valueData, "valueData"),
                Objects.requireNonNull(reason, "reason"), afterLostEvents);
    }

    /** The key as stored: Hazelcast's serialized form, partition hash included. Callers must not change it. */
    public byte[] keyData() {
        return keyData;
    }

    /** The ingest key, or {@code null} when the key is not one. */
    public IngestKey key() {
        return key;
    }

    /** The batch, or {@code null} for a foreign entry. */
    public EventBatch batch() {
        return batch;
    }

    /** A foreign entry's value as stored (Hazelcast's serialized form), or {@code null} for a batch. Callers must not change it. */
    public byte[] foreignValueData() {
        return foreignValueData;
    }

    public boolean isForeign() {
        return foreignReason != null;
    }

    /** Why this entry is not a batch in its lane, or {@code null}. */
    public String foreignReason() {
        return foreignReason;
    }

    /** The journal had dropped events (capacity) just before this one. */
    public boolean isAfterLostEvents() {
        return afterLostEvents;
    }

    @Override
    public String toString() {
        return "IngestJournalItem{key=" + key + ", keyBytes=" + keyData.length
                + (foreignReason == null ? ", batch" : ", foreign=" + foreignReason) + '}';
    }
}
