package io.certeus.pipeline;

import io.certeus.core.settings.Setting;
import io.certeus.core.settings.SettingsSource;
import io.certeus.core.validation.EventLimits;

import java.io.Serializable;
import java.util.List;

/**
 * Every setting of the ledger pipeline, with its default and unit, read once from {@code certeus.*}
 * properties (environment overrides, see {@link SettingsSource}), checked and then sealed.
 * Out-of-range values are refused with the key and the allowed range, never replaced.
 * {@code docs/PIPELINE.md} documents each key.
 *
 * <p>Thread-safe: immutable; serializable so the job's functions can carry it.
 */
public final class PipelineSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String AUTOSTART = "certeus.pipeline.autostart";
    public static final Setting AUTOSTART_SETTING = Setting.bool(AUTOSTART, true,
            "a starting member submits the job unless it runs");

    public static final String ANCHOR_INTERVAL_MS = "certeus.pipeline.anchor.interval.ms";
    public static final Setting ANCHOR_INTERVAL_MS_SETTING = Setting.wholeNumber(ANCHOR_INTERVAL_MS, "ms", 1_000, 10, 3_600_000,
            "Merkle anchor period (only when a head moved)");

    public static final String DEDUPE_HORIZON_SECONDS = "certeus.pipeline.dedupe.horizon.seconds";
    public static final Setting DEDUPE_HORIZON_SECONDS_SETTING = Setting.wholeNumber(DEDUPE_HORIZON_SECONDS, "s of ingest time",
            300, 1, 7 * 86_400, "how long the dedupe window remembers an eventId");

    public static final String DEDUPE_MAX_IDS_PER_SHARD = "certeus.pipeline.dedupe.max.ids.per.shard";
    public static final Setting DEDUPE_MAX_IDS_PER_SHARD_SETTING = Setting.wholeNumber(DEDUPE_MAX_IDS_PER_SHARD, "ids", 2_048, 16,
            1 << 20, "bound on the dedupe window's ids per shard");

    public static final String CROSS_SHARD_SETTLE_SECONDS = "certeus.pipeline.idempotency.cross.shard.settle.seconds";
    public static final Setting CROSS_SHARD_SETTLE_SECONDS_SETTING = Setting.wholeNumber(CROSS_SHARD_SETTLE_SECONDS,
            "s of ingest time", 60, 0, 3_600, "how much earlier a copy in another shard must be stamped to refuse an eventId");

    public static final String SNAPSHOT_INTERVAL_MS = "certeus.pipeline.snapshot.interval.ms";
    public static final Setting SNAPSHOT_INTERVAL_MS_SETTING = Setting.wholeNumber(SNAPSHOT_INTERVAL_MS, "ms", 5_000, 100, 600_000,
            "Jet snapshot period: the most work a failover replays");

    /** The validator's limits are declared with them, in {@link EventLimits}: clients read them from the members. */
    public static final Setting MAX_PAYLOAD_BYTES_SETTING = EventLimits.MAX_PAYLOAD_BYTES_SETTING;
    public static final String MAX_PAYLOAD_BYTES = MAX_PAYLOAD_BYTES_SETTING.key();
    public static final Setting MAX_ACTOR_BYTES_SETTING = EventLimits.MAX_ACTOR_BYTES_SETTING;
    public static final String MAX_ACTOR_BYTES = MAX_ACTOR_BYTES_SETTING.key();

    /** Every pipeline setting, for docs checks. */
    public static final List<Setting> DECLARED = List.of(AUTOSTART_SETTING, ANCHOR_INTERVAL_MS_SETTING, DEDUPE_HORIZON_SECONDS_SETTING,
            DEDUPE_MAX_IDS_PER_SHARD_SETTING, CROSS_SHARD_SETTLE_SECONDS_SETTING, SNAPSHOT_INTERVAL_MS_SETTING, MAX_PAYLOAD_BYTES_SETTING, MAX_ACTOR_BYTES_SETTING);

    private final boolean autostart;
    private final long anchorIntervalMs;
    private final long dedupeHorizonSeconds;
    private final int dedupeMaxIdsPerShard;
    private final long crossShardSettleSeconds;
    private final long snapshotIntervalMs;
    private final int maxPayloadBytes;
    private final int maxActorBytes;

    private PipelineSettings(boolean autostart, long anchorIntervalMs, long dedupeHorizonSeconds, int dedupeMaxIdsPerShard,
            long crossShardSettleSeconds,
            long snapshotIntervalMs, int maxPayloadBytes, int maxActorBytes) {
        this.autostart = autostart;
        this.anchorIntervalMs = anchorIntervalMs;
        this.dedupeHorizonSeconds = dedupeHorizonSeconds;
        this.dedupeMaxIdsPerShard = dedupeMaxIdsPerShard;
        this.crossShardSettleSeconds = crossShardSettleSeconds;
        this.snapshotIntervalMs = snapshotIntervalMs;
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxActorBytes = maxActorBytes;
    }

    public static PipelineSettings defaults() {
        return builder().build();
    }

    /** Reads every key from {@code source}; missing keys take their defaults. */
    public static PipelineSettings from(SettingsSource source) {
        return builder()
                .autostart(AUTOSTART_SETTING.readBoolean(source))
                .anchorIntervalMs(ANCHOR_INTERVAL_MS_SETTING.readLong(source))
                .dedupeHorizonSeconds(DEDUPE_HORIZON_SECONDS_SETTING.readLong(source))
                .dedupeMaxIdsPerShard(DEDUPE_MAX_IDS_PER_SHARD_SETTING.readInt(source))
                .crossShardSettleSeconds(CROSS_SHARD_SETTLE_SECONDS_SETTING.readLong(source))
                .snapshotIntervalMs(SNAPSHOT_INTERVAL_MS_SETTING.readLong(source))
                .maxPayloadBytes(MAX_PAYLOAD_BYTES_SETTING.readInt(source))
                .maxActorBytes(MAX_ACTOR_BYTES_SETTING.readInt(source))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean autostart() {
        return autostart;
    }

    public long anchorIntervalMs() {
        return anchorIntervalMs;
    }

    public long dedupeHorizonSeconds() {
        return dedupeHorizonSeconds;
    }

    public int dedupeMaxIdsPerShard() {
        return dedupeMaxIdsPerShard;
    }

    /** How much earlier (ingest time) a copy in another shard must be stamped for an eventId to be refused as its resend. */
    public long crossShardSettleSeconds() {
        return crossShardSettleSeconds;
    }

    public long snapshotIntervalMs() {
        return snapshotIntervalMs;
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    public int maxActorBytes() {
        return maxActorBytes;
    }

    @Override
    public String toString() {
        return "PipelineSettings{autostart=" + autostart + ", anchorIntervalMs=" + anchorIntervalMs
                + ", dedupeHorizonSeconds=" + dedupeHorizonSeconds + ", dedupeMaxIdsPerShard=" + dedupeMaxIdsPerShard
                + ", crossShardSettleSeconds=" + crossShardSettleSeconds
                + ", snapshotIntervalMs=" + snapshotIntervalMs + ", maxPayloadBytes=" + maxPayloadBytes
                + ", maxActorBytes=" + maxActorBytes + '}';
    }

    /** Collects settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private boolean autostart = Boolean.parseBoolean(AUTOSTART_SETTING.defaultValue());
        private long anchorIntervalMs = ANCHOR_INTERVAL_MS_SETTING.defaultLong();
        private long dedupeHorizonSeconds = DEDUPE_HORIZON_SECONDS_SETTING.defaultLong();
        private int dedupeMaxIdsPerShard = (int) DEDUPE_MAX_IDS_PER_SHARD_SETTING.defaultLong();
        private long crossShardSettleSeconds = CROSS_SHARD_SETTLE_SECONDS_SETTING.defaultLong();
        private long snapshotIntervalMs = SNAPSHOT_INTERVAL_MS_SETTING.defaultLong();
        private int maxPayloadBytes = (int) MAX_PAYLOAD_BYTES_SETTING.defaultLong();
        private int maxActorBytes = (int) MAX_ACTOR_BYTES_SETTING.defaultLong();

        private Builder() {
        }

        public Builder autostart(boolean value) {
            autostart = value;
            return this;
        }

        public Builder anchorIntervalMs(long value) {
            anchorIntervalMs = value;
            return this;
        }

        public Builder dedupeHorizonSeconds(long value) {
            dedupeHorizonSeconds = value;
            return this;
        }

        public Builder dedupeMaxIdsPerShard(int value) {
            dedupeMaxIdsPerShard = value;
            return this;
        }

        public Builder crossShardSettleSeconds(long value) {
            crossShardSettleSeconds = value;
            return this;
        }

        public Builder snapshotIntervalMs(long value) {
            snapshotIntervalMs = value;
            return this;
        }

        public Builder maxPayloadBytes(int value) {
            maxPayloadBytes = value;
            return this;
        }

        public Builder maxActorBytes(int value) {
            maxActorBytes = value;
            return this;
        }

        public PipelineSettings build() {
            ANCHOR_INTERVAL_MS_SETTING.requireInRange(anchorIntervalMs);
            DEDUPE_HORIZON_SECONDS_SETTING.requireInRange(dedupeHorizonSeconds);
            DEDUPE_MAX_IDS_PER_SHARD_SETTING.requireInRange(dedupeMaxIdsPerShard);
            CROSS_SHARD_SETTLE_SECONDS_SETTING.requireInRange(crossShardSettleSeconds);
            SNAPSHOT_INTERVAL_MS_SETTING.requireInRange(snapshotIntervalMs);
            MAX_PAYLOAD_BYTES_SETTING.requireInRange(maxPayloadBytes);
            MAX_ACTOR_BYTES_SETTING.requireInRange(maxActorBytes);
            return new PipelineSettings(autostart, anchorIntervalMs, dedupeHorizonSeconds, dedupeMaxIdsPerShard, crossShardSettleSeconds,
                    snapshotIntervalMs, maxPayloadBytes, maxActorBytes);
        }
    }
}
