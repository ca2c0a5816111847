package io.certeus.cli.bench;

/**
 * When a rate step fails: its p99 acknowledgement latency passes the SLO, refusals pass a share of
 * its appends, or the grid falls behind (the backlog still waiting for the pipeline or for
 * PostgreSQL, ingest pending plus write-behind dirty entries, grew by more than
 * {@link #BACKLOG_GROWTH_LIMIT_SECONDS} seconds of the step's rate over the step's second half, after
 * the step's start-up transient).
 *
 * <p>Thread-safe: immutable.
 */
public final class StepRule {
    /** Default SLO on a step's p99 acknowledgement latency, milliseconds. */
    public static final long DEFAULT_SLO_MS = 100;
    /** Default largest share of refused appends, percent. */
    public static final double DEFAULT_MAX_REFUSAL_PERCENT = 1.0;
    /** Backlog growth over a step's second half allowed, in seconds of the step's rate. */
    public static final double BACKLOG_GROWTH_LIMIT_SECONDS = 1.0;

    private final long sloMs;
    private final double maxRefusalPercent;

    public StepRule(long sloMs, double maxRefusalPercent) {
        if (sloMs < 1) {
            throw new IllegalArgumentException("SLO must be positive: sloMs=" + sloMs);
        }
        if (maxRefusalPercent < 0 || maxRefusalPercent > 100) {
            throw new IllegalArgumentException("refusal share out of range: maxRefusalPercent=" + maxRefusalPercent
                    + ", allowed=[0, 100]");
        }
        this.sloMs = sloMs;
        this.maxRefusalPercent = maxRefusalPercent;
    }

    /** What one step measured. A backlog of -1 means "not measured" and never fails the step. */
    public static final class StepMeasure {
        final long ratePerS;
        final long appends;
        final long refusals;
        final double ackP99Ms;
        final long backlogAtMid;
        final long backlogAtEnd;

        public StepMeasure(long ratePerS, long appends, long refusals, double ackP99Ms, long backlogAtMid, long backlogAtEnd) {
            this.ratePerS = ratePerS;
            this.appends = appends;
            this.refusals = refusals;
            this.ackP99Ms = ackP99Ms;
            this.backlogAtMid = backlogAtMid;
            this.backlogAtEnd = backlogAtEnd;
        }
    }

    /** {@code null} when the step passed, else why it failed (key=value). */
    public String failure(StepMeasure step) {
        if (step.ackP99Ms > sloMs) {
            return "ack p99 over SLO: ackP99Ms=" + round(step.ackP99Ms) + ", sloMs=" + sloMs;
        }
        double refusalPercent = step.appends == 0 ? (step.refusals > 0 ? 100.0 : 0.0) : 100.0 * step.refusals / step.appends;
        if (refusalPercent > maxRefusalPercent) {
            return "refusals over limit: refusals=" + step.refusals + ", appends=" + step.appends + ", refusalPercent="
                    + round(refusalPercent) + ", maxRefusalPercent=" + maxRefusalPercent;
        }
        if (step.backlogAtMid >= 0 && step.backlogAtEnd >= 0) {
            long growth = step.backlogAtEnd - step.backlogAtMid;
            double limit = BACKLOG_GROWTH_LIMIT_SECONDS * step.ratePerS;
            if (growth > limit) {
                return "grid falls behind: backlogAtMid=" + step.backlogAtMid + ", backlogAtEnd=" + step.backlogAtEnd
                        + ", growthLimit=" + Math.round(limit);
            }
        }
        return null;
    }

    public long sloMs() {
        return sloMs;
    }

    public double maxRefusalPercent() {
        return maxRefusalPercent;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
