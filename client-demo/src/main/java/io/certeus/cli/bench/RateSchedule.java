package io.certeus.cli.bench;

/**
 * The open-loop pacer's plan: when each event is meant to be sent, as an offset from the start of
 * the load. The rate is {@code startRatePerS + step * rateStepPerS} during step
 * {@code step = floor(offsetNs / stepNs)}; inside a step event {@code i} is due at
 * {@code stepStartNs + i * 1e9 / rate}, computed exactly (no accumulated rounding). A fixed rate is a
 * step of 0 events/s.
 *
 * <p>Not thread-safe: owned by the sending thread.
 */
public final class RateSchedule {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long startRatePerS;
    private final long rateStepPerS;
    private final long stepNs;
    private int step;
    private long stepStartNs;
    private long indexInStep;

    public RateSchedule(long startRatePerS, long rateStepPerS, long stepNs) {
        if (startRatePerS < 1) {
            throw new IllegalArgumentException("start rate must be positive: startRatePerS=" + startRatePerS);
        }
        if (rateStepPerS < 0) {
            throw new IllegalArgumentException("rate step must not be negative: rateStepPerS=" + rateStepPerS);
        }
        if (stepNs < 1) {
            throw new IllegalArgumentException("step length must be positive: stepNs=" + stepNs);
        }
        this.startRatePerS = startRatePerS;
        this.rateStepPerS = rateStepPerS;
        this.stepNs = stepNs;
    }

    /** Events per second in the given step (0-based). */
    public long rateOfStep(int stepIndex) {
        return startRatePerS + stepIndex * rateStepPerS;
    }

    /** The step an offset falls in. */
    public int stepAt(long offsetNs) {
        return (int) (offsetNs / stepNs);
    }

    /** Length of a step, nanoseconds. */
    public long stepNs() {
        return stepNs;
    }

    /**
     * Events the plan schedules in a whole step: event {@code i} is due while
     * {@code i * 1e9 / rate < stepNs}, so {@code ceil(stepNs * rate / 1e9)}.
     */
    public long eventsInStep(int stepIndex) {
        long rate = rateOfStep(stepIndex);
        long wholeSeconds = stepNs / NANOS_PER_SECOND;
        long restNs = stepNs % NANOS_PER_SECOND;
        return wholeSeconds * rate + (restNs * rate + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }

    /** The intended send time of the next event, nanoseconds after the start; advances the plan. */
    public long nextOffsetNs() {
        while (true) {
            long offsetNs = stepStartNs + indexInStep * NANOS_PER_SECOND / rateOfStep(step);
            if (offsetNs < stepStartNs + stepNs) {
                indexInStep++;
                return offsetNs;
            }
            step++;
            stepStartNs += stepNs;
            indexInStep = 0;
        }
    }

    /** Events the plan schedules in {@code [0, durationNs)}. */
    public static long eventsWithin(long startRatePerS, long rateStepPerS, long stepNs, long durationNs) {
        RateSchedule schedule = new RateSchedule(startRatePerS, rateStepPerS, stepNs);
        long count = 0;
        while (schedule.nextOffsetNs() < durationNs) {
            count++;
        }
        return count;
    }
}
