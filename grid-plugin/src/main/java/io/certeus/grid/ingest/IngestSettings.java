package io.certeus.grid.ingest;

import io.certeus.grid.settings.SettingsSource;

/**
 * Settings of the member-side ingest gate, each with its default and unit ({@code docs/PIPELINE.md}).
 * Refuses values out of range; sealed after construction.
 *
 * <p>Thread-safe: immutable.
 */
public final class IngestSettings {
    /** Most batches of one ingest lane that may wait in the ingest map for the ledger job; appends beyond are refused. */
    public static final String MAX_PENDING_BATCHES_PER_LANE = "certeus.ingest.max.pending.batches.per.lane";
    public static final int DEFAULT_MAX_PENDING_BATCHES_PER_LANE = 400;

    /** How often each member re-reads the true pending count of the lanes it owns, in milliseconds. */
    public static final String SAMPLE_INTERVAL_MS = "certeus.ingest.sample.interval.ms";
    public static final long DEFAULT_SAMPLE_INTERVAL_MS = 200;

    /** Suggested wait handed back with a refusal, in milliseconds. */
    public static final String RETRY_AFTER_MS = "certeus.ingest.retry.after.ms";
    public static final long DEFAULT_RETRY_AFTER_MS = 100;

    /**
     * Journal slots one pending batch may occupy before the job has read past them: its put and the
     * removal the job makes once it has read it.
     */
    public static final int JOURNAL_SLOTS_PER_PENDING_BATCH = 2;

    private final int maxPendingBatchesPerLane;
    private final long sampleIntervalMs;
    private final long retryAfterMs;

    public IngestSettings(int maxPendingBatchesPerLane, long sampleIntervalMs, long retryAfterMs) {
        if (maxPendingBatchesPerLane < 1 || maxPendingBatchesPerLane > 1_000_000) {
            throw new IllegalArgumentException("setting out of range: key=" + MAX_PENDING_BATCHES_PER_LANE + ", value="
                    + maxPendingBatchesPerLane + ", allowed=[1, 1000000]");
        }
        if (sampleIntervalMs < 10 || sampleIntervalMs > 60_000) {
            throw new IllegalArgumentException("setting out of range: key=" + SAMPLE_INTERVAL_MS + ", value="
                    + sampleIntervalMs + ", allowed=[10, 60000]");
        }
        if (retryAfterMs < 1 || retryAfterMs > 60_000) {
            throw new IllegalArgumentException("setting out of range: key=" + RETRY_AFTER_MS + ", value="
                    + retryAfterMs + ", allowed=[1, 60000]");
        }
        this.maxPendingBatchesPerLane = maxPendingBatchesPerLane;
        this.sampleIntervalMs = sampleIntervalMs;
        this.retryAfterMs = retryAfterMs;
    }

    public static IngestSettings defaults() {
        return new IngestSettings(DEFAULT_MAX_PENDING_BATCHES_PER_LANE, DEFAULT_SAMPLE_INTERVAL_MS, DEFAULT_RETRY_AFTER_MS);
    }

    public static IngestSettings from(SettingsSource source) {
        return new IngestSettings(
                source.getInt(MAX_PENDING_BATCHES_PER_LANE, DEFAULT_MAX_PENDING_BATCHES_PER_LANE, 1, 1_000_000),
                source.getLong(SAMPLE_INTERVAL_MS, DEFAULT_SAMPLE_INTERVAL_MS, 10, 60_000),
                source.getLong(RETRY_AFTER_MS, DEFAULT_RETRY_AFTER_MS, 1, 60_000));
    }

    /**
     * Refuses a journal too small for the allowed lag: every partition needs
     * {@link #JOURNAL_SLOTS_PER_PENDING_BATCH} slots per pending batch, plus a quarter of headroom.
     */
    public void checkJournal(int journalCapacity, int partitions) {
        long perPartition = (long) journalCapacity / partitions;
        long needed = (long) maxPendingBatchesPerLane * JOURNAL_SLOTS_PER_PENDING_BATCH * 5 / 4;
        if (perPartition < needed) {
            throw new IllegalStateException("ingest journal capacity too small for the allowed lag: capacity="
                    + journalCapacity + ", partitions=" + partitions + ", slotsPerPartition=" + perPartition
                    + ", maxPendingBatchesPerLane=" + maxPendingBatchesPerLane + ", neededSlotsPerPartition=" + needed);
        }
    }

    public int maxPendingBatchesPerLane() {
        return maxPendingBatchesPerLane;
    }

    public long sampleIntervalMs() {
        return sampleIntervalMs;
    }

    public long retryAfterMs() {
        return retryAfterMs;
    }
}
