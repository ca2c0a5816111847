package io.certeus.member.internal.ingest;

import io.certeus.core.settings.Setting;
import io.certeus.core.settings.SettingsSource;

import java.util.List;

/**
 * Settings of the member-side ingest gate, each with its default and unit ({@code docs/PIPELINE.md}).
 * Refuses values out of range; sealed after construction.
 *
 * <p>Thread-safe: immutable.
 */
public final class IngestSettings {
    public static final String MAX_PENDING_BATCHES_PER_LANE = "certeus.ingest.max.pending.batches.per.lane";
    public static final Setting MAX_PENDING_BATCHES_PER_LANE_SETTING = Setting.wholeNumber(MAX_PENDING_BATCHES_PER_LANE, "batches",
            400, 1, 1_000_000, "lane batches a lane may have waiting for the ledger job before appends to it are refused");

    public static final String SAMPLE_INTERVAL_MS = "certeus.ingest.sample.interval.ms";
    public static final Setting SAMPLE_INTERVAL_MS_SETTING = Setting.wholeNumber(SAMPLE_INTERVAL_MS, "ms", 200, 10, 60_000,
            "how often each member recounts its lanes' waiting batches");

    public static final String RETRY_AFTER_MS = "certeus.ingest.retry.after.ms";
    public static final Setting RETRY_AFTER_MS_SETTING = Setting.wholeNumber(RETRY_AFTER_MS, "ms", 100, 1, 60_000,
            "pause suggested to refused appenders");

    /** Every ingest setting, for docs checks. */
    public static final List<Setting> DECLARED = List.of(MAX_PENDING_BATCHES_PER_LANE_SETTING, SAMPLE_INTERVAL_MS_SETTING,
            RETRY_AFTER_MS_SETTING);

    /**
     * Journal slots one pending batch may occupy before the job has read past them: its put and the
     * removal the job makes once it has read it.
     */
    public static final int JOURNAL_SLOTS_PER_PENDING_BATCH = 2;

    private final int maxPendingBatchesPerLane;
    private final long sampleIntervalMs;
    private final long retryAfterMs;

    public IngestSettings(int maxPendingBatchesPerLane, long sampleIntervalMs, long retryAfterMs) {
        this.maxPendingBatchesPerLane = (int) MAX_PENDING_BATCHES_PER_LANE_SETTING.requireInRange(maxPendingBatchesPerLane);
        this.sampleIntervalMs = SAMPLE_INTERVAL_MS_SETTING.requireInRange(sampleIntervalMs);
        this.retryAfterMs = RETRY_AFTER_MS_SETTING.requireInRange(retryAfterMs);
    }

    public static IngestSettings defaults() {
        return new IngestSettings((int) MAX_PENDING_BATCHES_PER_LANE_SETTING.defaultLong(), SAMPLE_INTERVAL_MS_SETTING.defaultLong(),
                RETRY_AFTER_MS_SETTING.defaultLong());
    }

    public static IngestSettings from(SettingsSource source) {
        return new IngestSettings(
                MAX_PENDING_BATCHES_PER_LANE_SETTING.readInt(source),
                SAMPLE_INTERVAL_MS_SETTING.readLong(source),
                RETRY_AFTER_MS_SETTING.readLong(source));
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
