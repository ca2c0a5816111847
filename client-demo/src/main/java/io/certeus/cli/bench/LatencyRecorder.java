package io.certeus.cli.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies of one kind (acknowledged, chained or durable), in microseconds from the event's
 * intended send time, so a stalled sender cannot hide a stall (coordinated omission). Recording goes
 * into an HdrHistogram {@link Recorder}; the monitor drains it once a second into the interval
 * histogram it charts and into the run's total.
 *
 * <p>Thread-safe: {@link #record} from any thread; {@link #drainInterval} and {@link #total} from the
 * one monitoring thread (and after the run).
 */
public final class LatencyRecorder {
    /** Largest latency recorded exactly, microseconds (one hour); longer values are clamped. */
    static final long HIGHEST_US = 3_600_000_000L;
    static final int SIGNIFICANT_DIGITS = 3;

    private final String kind;
    private final Recorder recorder = new Recorder(HIGHEST_US, SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(HIGHEST_US, SIGNIFICANT_DIGITS);
    private Histogram interval;

    public LatencyRecorder(String kind) {
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }

    /** Records {@code nowNs - intendedNs}, clamped to [1 µs, {@link #HIGHEST_US}]. */
    public void record(long intendedNs, long nowNs) {
        recorder.recordValue(clampedUs(nowNs - intendedNs));
    }

    /** A latency in microseconds, clamped to [1 µs, {@link #HIGHEST_US}]. */
    static long clampedUs(long latencyNs) {
        return Math.max(1, Math.min(HIGHEST_US, latencyNs / 1_000));
    }

    /** What was recorded since the previous call (also added to the total). Monitor thread only. */
    public Histogram drainInterval() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return interval;
    }

    /** Everything drained so far. Monitor thread only. */
    public Histogram total() {
        return total;
    }

    /** A percentile of a histogram in milliseconds; {@code NaN} when it is empty. */
    public static double percentileMs(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    /** The largest value of a histogram in milliseconds; {@code NaN} when it is empty. */
    public static double maxMs(Histogram histogram) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue() / 1_000.0;
    }
}
