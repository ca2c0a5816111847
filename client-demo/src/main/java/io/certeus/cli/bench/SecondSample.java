package io.certeus.cli.bench;

/**
 * One monitor tick (about a second) of a run: its real time since the measured start, rates per
 * second over the interval since the previous tick, latency percentiles of what completed in it
 * (milliseconds, {@code NaN} when nothing did), and the grid's latest backlog reading (-1 when none
 * or failed; it may be older than the tick).
 *
 * <p>Thread-safe: immutable.
 */
public final class SecondSample {
    public final double secondsSinceStart;
    public final long targetRatePerS;
    public final long sentPerS;
    public final long ackedPerS;
    /** Chained samples completed in the second times the sampling interval: an estimate. */
    public final long chainedPerS;
    /** Refused attempts in the interval. */
    public final long refusals;
    public final double ackP50Ms;
    public final double ackP99Ms;
    public final double ackMaxMs;
    public final double chainedP99Ms;
    public final double durableP99Ms;
    public final long ingestPending;
    public final long writeBehindDirty;

    public SecondSample(double secondsSinceStart, long targetRatePerS, long sentPerS, long ackedPerS, long chainedPerS,
            long refusals, double ackP50Ms, double ackP99Ms, double ackMaxMs, double chainedP99Ms, double durableP99Ms,
            long ingestPending, long writeBehindDirty) {
        this.secondsSinceStart = secondsSinceStart;
        this.targetRatePerS = targetRatePerS;
        this.sentPerS = sentPerS;
        this.ackedPerS = ackedPerS;
        this.chainedPerS = chainedPerS;
        this.refusals = refusals;
        this.ackP50Ms = ackP50Ms;
        this.ackP99Ms = ackP99Ms;
        this.ackMaxMs = ackMaxMs;
        this.chainedP99Ms = chainedP99Ms;
        this.durableP99Ms = durableP99Ms;
        this.ingestPending = ingestPending;
        this.writeBehindDirty = writeBehindDirty;
    }

    /** Ingest pending plus write-behind dirty; -1 when either probe failed. */
    public long backlog() {
        return ingestPending < 0 || writeBehindDirty < 0 ? -1 : ingestPending + writeBehindDirty;
    }
}
