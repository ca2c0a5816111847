package io.certeus.pipeline;

import io.certeus.core.validation.EventLimits;
import io.certeus.grid.settings.SettingsSource;

import java.io.Serializable;

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

    /** Start the ledger job from a member when the grid starts and the job is not running. */
    public static final String AUTOSTART = "certeus.pipeline.autostart";
    public static final boolean DEFAULT_AUTOSTART = true;

    /** Interval between Merkle anchors, in milliseconds. */
    public static final String ANCHOR_INTERVAL_MS = "certeus.pipeline.anchor.interval.ms";
    public static final long DEFAULT_ANCHOR_INTERVAL_MS = 1_000;

    /** How long an eventId is remembered for duplicate detection, in seconds of ingest time. */
    public static final String DEDUPE_HORIZON_SECONDS = "certeus.pipeline.dedupe.horizon.seconds";
    public static final long DEFAULT_DEDUPE_HORIZON_SECONDS = 300;

    /** Most eventIds remembered per shard; the oldest is forgotten first. Bounds dedupe memory. */
    public static final String DEDUPE_MAX_IDS_PER_SHARD = "certeus.pipeline.dedupe.max.ids.per.shard";
    public static final int DEFAULT_DEDUPE_MAX_IDS_PER_SHARD = 2_048;

    /** Jet snapshot interval, in milliseconds: the most work a failover replays. */
    public static final String SNAPSHOT_INTERVAL_MS = "certeus.pipeline.snapshot.interval.ms";
    public static final long DEFAULT_SNAPSHOT_INTERVAL_MS = 5_000;

    /** Largest accepted payload, in bytes (the validator's limit). */
    public static final String MAX_PAYLOAD_BYTES = "certeus.pipeline.max.payload.bytes";
    /** Longest accepted actor, in UTF-8 bytes. */
    public static final String MAX_ACTOR_BYTES = "certeus.pipeline.max.actor.bytes";

    private final boolean autostart;
    private final long anchorIntervalMs;
    private final long dedupeHorizonSeconds;
    private final int dedupeMaxIdsPerShard;
    private final long snapshotIntervalMs;
    private final int maxPayloadBytes;
    private final int maxActorBytes;

    private PipelineSettings(boolean autostart, long anchorIntervalMs, long dedupeHorizonSeconds, int dedupeMaxIdsPerShard,
            long snapshotIntervalMs, int maxPayloadBytes, int maxActorBytes) {
        this.autostart = autostart;
        this.anchorIntervalMs = anchorIntervalMs;
        this.dedupeHorizonSeconds = dedupeHorizonSeconds;
        this.dedupeMaxIdsPerShard = dedupeMaxIdsPerShard;
        this.snapshotIntervalMs = snapshotIntervalMs;
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxActorBytes = maxActorBytes;
        new EventLimits(maxPayloadBytes, maxActorBytes); // refuses out-of-range limits now, not inside the job
    }

    public static PipelineSettings defaults() {
        return builder().build();
    }

    /** Reads every key from {@code source}; missing keys take their defaults. */
    public static PipelineSettings from(SettingsSource source) {
        return builder()
                .autostart(source.getBoolean(AUTOSTART, DEFAULT_AUTOSTART))
                .anchorIntervalMs(source.getLong(ANCHOR_INTERVAL_MS, DEFAULT_ANCHOR_INTERVAL_MS, 10, 3_600_000))
                .dedupeHorizonSeconds(source.getLong(DEDUPE_HORIZON_SECONDS, DEFAULT_DEDUPE_HORIZON_SECONDS, 1, 7 * 86_400))
                .dedupeMaxIdsPerShard(source.getInt(DEDUPE_MAX_IDS_PER_SHARD, DEFAULT_DEDUPE_MAX_IDS_PER_SHARD, 16, 1 << 20))
                .snapshotIntervalMs(source.getLong(SNAPSHOT_INTERVAL_MS, DEFAULT_SNAPSHOT_INTERVAL_MS, 100, 600_000))
                .maxPayloadBytes(source.getInt(MAX_PAYLOAD_BYTES, EventLimits.DEFAULT_MAX_PAYLOAD_BYTES, 2,
                        EventLimits.MAX_PAYLOAD_BYTES_CEILING))
                .maxActorBytes(source.getInt(MAX_ACTOR_BYTES, EventLimits.DEFAULT_MAX_ACTOR_BYTES, 1, 4096))
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
                + ", snapshotIntervalMs=" + snapshotIntervalMs + ", maxPayloadBytes=" + maxPayloadBytes
                + ", maxActorBytes=" + maxActorBytes + '}';
    }

    /** Collects settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private boolean autostart = DEFAULT_AUTOSTART;
        private long anchorIntervalMs = DEFAULT_ANCHOR_INTERVAL_MS;
        private long dedupeHorizonSeconds = DEFAULT_DEDUPE_HORIZON_SECONDS;
        private int dedupeMaxIdsPerShard = DEFAULT_DEDUPE_MAX_IDS_PER_SHARD;
        private long snapshotIntervalMs = DEFAULT_SNAPSHOT_INTERVAL_MS;
        private int maxPayloadBytes = EventLimits.DEFAULT_MAX_PAYLOAD_BYTES;
        private int maxActorBytes = EventLimits.DEFAULT_MAX_ACTOR_BYTES;

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
            check(ANCHOR_INTERVAL_MS, anchorIntervalMs, 10, 3_600_000);
            check(DEDUPE_HORIZON_SECONDS, dedupeHorizonSeconds, 1, 7 * 86_400);
            check(DEDUPE_MAX_IDS_PER_SHARD, dedupeMaxIdsPerShard, 16, 1 << 20);
            check(SNAPSHOT_INTERVAL_MS, snapshotIntervalMs, 100, 600_000);
            return new PipelineSettings(autostart, anchorIntervalMs, dedupeHorizonSeconds, dedupeMaxIdsPerShard,
                    snapshotIntervalMs, maxPayloadBytes, maxActorBytes);
        }

        private static void check(String key, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException("setting out of range: key=" + key + ", value=" + value
                        + ", allowed=[" + min + ", " + max + "]");
            }
        }
    }
}
