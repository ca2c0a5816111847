package io.certeus.cli.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting of one {@code certeus bench} run, with its default and unit, validated once by
 * {@link #validate()} (bad values are refused, never replaced).
 *
 * <p>Not thread-safe while being filled; read-only after {@link #validate()}.
 */
public final class BenchSettings {
    /** Step mode: first rate, events per second. */
    public static final long DEFAULT_START_RATE_PER_S = 1_000;
    /** Step mode: rate added every step, events per second. */
    public static final long DEFAULT_RATE_STEP_PER_S = 1_000;
    /** Length of a step (and of a judged window at a fixed rate), seconds. */
    public static final int DEFAULT_STEP_SECONDS = 10;
    /** Warm-up at the first rate before the measured load (events checked, latencies not recorded), milliseconds. */
    public static final long DEFAULT_WARMUP_MS = 5_000;
    /** Longest load, milliseconds: the one-minute default. */
    public static final long DEFAULT_DURATION_MS = 60_000;
    /** A duration that never ends a run (a fixed-rate run given only --events). */
    public static final long NO_DURATION_LIMIT_MS = Long.MAX_VALUE / 1_000_000;
    public static final int DEFAULT_CASES = 10_000;
    public static final long DEFAULT_SEED = 7;
    /** One event in this many is followed to chained and durable. */
    public static final int DEFAULT_SAMPLE_EVERY = 200;
    /** Receipt polls running at once for samples. */
    public static final int DEFAULT_MAX_OUTSTANDING_SAMPLES = 500;
    /** Interval of the PostgreSQL query for sampled rows, milliseconds. */
    public static final long DEFAULT_DURABLE_POLL_MS = 250;
    /** Longest an event is resent while refused (backpressure) before it counts as failed, milliseconds. */
    public static final long DEFAULT_CAPACITY_WAIT_MS = 600_000;
    /** Entries the putAll ceiling writes. */
    public static final long DEFAULT_CEILING_ENTRIES = 200_000;
    /** Rows the COPY ceiling writes. */
    public static final int DEFAULT_CEILING_ROWS = 200_000;
    /** Longest wait after the load for every acknowledged event to reach PostgreSQL, milliseconds. */
    public static final long DEFAULT_DRAIN_TIMEOUT_MS = 600_000;

    /** When the ceilings run: never during the load. */
    public enum CeilingOrder { FIRST, LAST, SKIP }

    public String schema;
    /** Fixed rate, events per second; 0 selects step mode. */
    public long ratePerS;
    public boolean stepMode;
    public long startRatePerS = DEFAULT_START_RATE_PER_S;
    public long rateStepPerS = DEFAULT_RATE_STEP_PER_S;
    public int stepSeconds = DEFAULT_STEP_SECONDS;
    /** Most events to send; {@link Long#MAX_VALUE} for no limit. */
    public long events = Long.MAX_VALUE;
    public long durationMs = DEFAULT_DURATION_MS;
    public long warmupMs = DEFAULT_WARMUP_MS;
    public long sloMs = StepRule.DEFAULT_SLO_MS;
    public double maxRefusalPercent = StepRule.DEFAULT_MAX_REFUSAL_PERCENT;
    public int cases = DEFAULT_CASES;
    public long seed = DEFAULT_SEED;
    public int sampleEvery = DEFAULT_SAMPLE_EVERY;
    public int maxOutstandingSamples = DEFAULT_MAX_OUTSTANDING_SAMPLES;
    public long durablePollMs = DEFAULT_DURABLE_POLL_MS;
    public long capacityWaitMs = DEFAULT_CAPACITY_WAIT_MS;
    public CeilingOrder ceilings = CeilingOrder.FIRST;
    public long ceilingEntries = DEFAULT_CEILING_ENTRIES;
    public int ceilingRows = DEFAULT_CEILING_ROWS;
    public long drainTimeoutMs = DEFAULT_DRAIN_TIMEOUT_MS;
    public Path outDir = Path.of("target", "bench");

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    /** "90s", "5m", "1h", "1500ms"; a bare number is seconds. */
    public static long parseDurationMs(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("duration not understood: duration=" + text + ", examples=60s,5m,1h,1500ms");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        switch (unit) {
            case "ms":
                return amount;
            case "m":
                return amount * 60_000;
            case "h":
                return amount * 3_600_000;
            default:
                return amount * 1_000;
        }
    }

    /** The first rate of the plan, events per second. */
    public long firstRatePerS() {
        return stepMode ? startRatePerS : ratePerS;
    }

    /** The rate added per step, events per second (0 at a fixed rate). */
    public long planRateStepPerS() {
        return stepMode ? rateStepPerS : 0;
    }

    public BenchSettings validate() {
        require(stepMode || ratePerS >= 1, "a fixed rate must be positive: ratePerS=" + ratePerS);
        require(startRatePerS >= 1, "start rate must be positive: startRatePerS=" + startRatePerS);
        require(rateStepPerS >= 1, "rate step must be positive: rateStepPerS=" + rateStepPerS);
        require(stepSeconds >= 2, "steps must last at least 2 s: stepSeconds=" + stepSeconds);
        require(events >= 1, "events must be positive: events=" + events);
        require(durationMs >= 1_000, "duration must be at least 1 s: durationMs=" + durationMs);
        require(warmupMs >= 0, "warm-up must not be negative: warmupMs=" + warmupMs);
        require(sampleEvery >= 1, "sampling interval must be positive: sampleEvery=" + sampleEvery);
        require(maxOutstandingSamples >= 1, "outstanding samples must be positive: maxOutstandingSamples=" + maxOutstandingSamples);
        require(durablePollMs >= 1, "durable poll must be positive: durablePollMs=" + durablePollMs);
        require(capacityWaitMs >= 1, "capacity wait must be positive: capacityWaitMs=" + capacityWaitMs);
        require(ceilingEntries >= PutAllCeiling.BATCH_ENTRIES, "putAll ceiling needs at least one batch: ceilingEntries="
                + ceilingEntries + ", min=" + PutAllCeiling.BATCH_ENTRIES);
        require(ceilingRows >= 1, "COPY ceiling rows must be positive: ceilingRows=" + ceilingRows);
        require(drainTimeoutMs >= 1_000, "drain timeout must be at least 1 s: drainTimeoutMs=" + drainTimeoutMs);
        require(schema != null, "schema missing");
        new StepRule(sloMs, maxRefusalPercent);
        return this;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
