package io.certeus.cli.bench;

/**
 * The verdict on one rate step (or, at a fixed rate, one window of the same length), from the events
 * intended to be sent in it.
 *
 * <p>Thread-safe: immutable.
 */
public final class StepOutcome {
    public final int step;
    public final long ratePerS;
    /** Events of the step sent when it was judged. */
    public final long sent;
    public final long refusals;
    /** p99 acknowledgement latency; events unanswered at the judgment count at their lower bound. */
    public final double ackP99Ms;
    /** Events of the step (sent or not) without an answer when it was judged. */
    public final long unansweredAtJudgment;
    /** When the step was judged, seconds after the measured start. */
    public final double judgedAtS;
    public final long backlogAtMid;
    public final long backlogAtEnd;
    /** {@code null} when the step passed. */
    public final String failure;

    public StepOutcome(int step, StepRule.StepMeasure measure, long unansweredAtJudgment, double judgedAtS, String failure) {
        this.step = step;
        this.ratePerS = measure.ratePerS;
        this.sent = measure.appends;
        this.refusals = measure.refusals;
        this.ackP99Ms = measure.ackP99Ms;
        this.unansweredAtJudgment = unansweredAtJudgment;
        this.judgedAtS = judgedAtS;
        this.backlogAtMid = measure.backlogAtMid;
        this.backlogAtEnd = measure.backlogAtEnd;
        this.failure = failure;
    }

    public boolean passed() {
        return failure == null;
    }
}
