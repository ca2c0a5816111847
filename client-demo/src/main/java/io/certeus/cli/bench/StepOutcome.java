package io.certeus.cli.bench;

/**
 * The verdict on one rate step (or, at a fixed rate, one window of the same length).
 *
 * <p>Thread-safe: immutable.
 */
public final class StepOutcome {
    public final int step;
    public final long ratePerS;
    public final long sent;
    public final long refusals;
    public final double ackP99Ms;
    public final long backlogAtMid;
    public final long backlogAtEnd;
    /** {@code null} when the step passed. */
    public final String failure;

    public StepOutcome(int step, StepRule.StepMeasure measure, long sent, String failure) {
        this.step = step;
        this.ratePerS = measure.ratePerS;
        this.sent = sent;
        this.refusals = measure.refusals;
        this.ackP99Ms = measure.ackP99Ms;
        this.backlogAtMid = measure.backlogAtMid;
        this.backlogAtEnd = measure.backlogAtEnd;
        this.failure = failure;
    }

    public boolean passed() {
        return failure == null;
    }
}
