package io.certeus.cli.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Judges the rate steps (or fixed-rate windows) in order, each from exactly the events intended to be
 * sent in it ({@link StepTally}), by the clock: a step is judged once its window is over and either
 * every one of its events is answered or a grace of {@link #graceNs} has passed; events still
 * unanswered (or unsent) then count at their lower-bound latency, the time since the window ended.
 * The backlog comes from the latest {@link BacklogSampler.Reading}s, never from a probe of its own.
 *
 * <p>Never judges a step without load: one the plan's duration cuts short, one whose events the load
 * did not all send before it stopped, or one after a failed step in step mode (which asks the load to
 * stop at once).
 *
 * <p>Not thread-safe: confined to the monitor thread (and to the closing thread once it has ended).
 */
public final class StepJudge {
    /** The grace for outstanding acknowledgements after a window, in multiples of the SLO ... */
    public static final long ACK_GRACE_SLO_MULTIPLE = 5;
    /** ... and at most this long, milliseconds. */
    public static final long MAX_ACK_GRACE_MS = 2_000;

    private final RateSchedule plan;
    private final StepRule rule;
    private final boolean stepMode;
    private final long loadStartNs;
    private final long planEndOffsetNs;
    private final long graceNs;
    private final StepTallies tallies;
    private final Consumer<String> stopLoad;
    private final List<BacklogSampler.Reading> readings = new ArrayList<>();
    private final List<StepOutcome> outcomes = new ArrayList<>();
    private int next;
    private boolean done;

    /**
     * @param plan            the measured load's schedule (step length and rates)
     * @param loadStartNs     the measured start, {@code System.nanoTime()} (or the test clock)
     * @param planEndOffsetNs where the plan ends after the start (its duration)
     * @param stopLoad        asked to stop the load, with the reason, when a step fails in step mode
     */
    public StepJudge(RateSchedule plan, StepRule rule, boolean stepMode, long loadStartNs, long planEndOffsetNs,
            StepTallies tallies, Consumer<String> stopLoad) {
        this.plan = plan;
        this.rule = rule;
        this.stepMode = stepMode;
        this.loadStartNs = loadStartNs;
        this.planEndOffsetNs = planEndOffsetNs;
        this.graceNs = graceNs(rule.sloMs());
        this.tallies = tallies;
        this.stopLoad = stopLoad;
    }

    /** {@code min(sloMs * 5, 2 s)}: how long after a window its late acknowledgements are waited for. */
    public static long graceNs(long sloMs) {
        return TimeUnit.MILLISECONDS.toNanos(Math.min(sloMs * ACK_GRACE_SLO_MULTIPLE, MAX_ACK_GRACE_MS));
    }

    public long loadStartNs() {
        return loadStartNs;
    }

    /** The planned rate at {@code nowNs}; 0 once the load ended or after the plan. */
    public long targetRateAt(long nowNs, boolean loadEnded) {
        long offsetNs = nowNs - loadStartNs;
        return loadEnded || offsetNs < 0 || offsetNs >= planEndOffsetNs ? 0 : plan.rateOfStep(plan.stepAt(offsetNs));
    }

    /** Keeps a backlog reading for the steps still to judge (repeated or {@code null} readings are ignored). */
    public void observe(BacklogSampler.Reading reading) {
        if (reading == null || done) {
            return;
        }
        if (readings.isEmpty() || reading.startedNs > readings.get(readings.size() - 1).startedNs) {
            readings.add(reading);
        }
    }

    /**
     * Judges every step due at {@code nowNs}; {@code loadEnded} once the pacer has sent its last event.
     * Returns the new verdicts, oldest first.
     */
    public List<StepOutcome> judgeDue(long nowNs, boolean loadEnded) {
        List<StepOutcome> verdicts = new ArrayList<>(1);
        long offsetNs = nowNs - loadStartNs;
        while (!done) {
            long stepStartNs = next * plan.stepNs();
            long stepEndNs = stepStartNs + plan.stepNs();
            if (stepEndNs > planEndOffsetNs) {
                finish();
                break;
            }
            StepTally tally = tallies.peek(next);
            long planned = plan.eventsInStep(next);
            long sent = tally == null ? 0 : tally.sent();
            if (loadEnded && sent < planned) {
                finish();
                break;
            }
            if (offsetNs < stepEndNs || sent == 0) {
                break;
            }
            if (tally.answered() < planned && offsetNs < stepEndNs + graceNs) {
                break;
            }
            StepOutcome outcome = judge(tally, planned, offsetNs, stepStartNs, stepEndNs);
            verdicts.add(outcome);
            outcomes.add(outcome);
            tallies.remove(next);
            next++;
            readings.removeIf(r -> r.startedNs - loadStartNs < stepEndNs);
            if (!outcome.passed() && stepMode) {
                stopLoad.accept("step failed: step=" + outcome.step + ", ratePerS=" + outcome.ratePerS + ": " + outcome.failure);
                finish();
            }
        }
        return verdicts;
    }

    private StepOutcome judge(StepTally tally, long planned, long offsetNs, long stepStartNs, long stepEndNs) {
        Histogram acks = tally.ackLatencies();
        long unanswered = Math.max(0, planned - acks.getTotalCount() - tally.failed());
        if (unanswered > 0) {
            acks.recordValueWithCount(LatencyRecorder.clampedUs(offsetNs - stepEndNs), unanswered);
        }
        long midNs = stepStartNs + plan.stepNs() / 2;
        BacklogSampler.Reading mid = null;
        BacklogSampler.Reading end = null;
        for (BacklogSampler.Reading r : readings) {
            long startedOffsetNs = r.startedNs - loadStartNs;
            if (mid == null) {
                if (startedOffsetNs >= midNs && startedOffsetNs < stepEndNs) {
                    mid = r;
                }
            } else if (startedOffsetNs <= stepEndNs) {
                end = r;
            }
        }
        StepRule.StepMeasure measure = new StepRule.StepMeasure(plan.rateOfStep(tally.step()), tally.sent(), tally.refusals(),
                LatencyRecorder.percentileMs(acks, 99), mid == null ? -1 : mid.backlog(), end == null ? -1 : end.backlog());
        return new StepOutcome(tally.step(), measure, unanswered, offsetNs / 1e9, rule.failure(measure));
    }

    private void finish() {
        done = true;
        readings.clear();
    }

    /** Every verdict so far, oldest first. */
    public List<StepOutcome> outcomes() {
        return new ArrayList<>(outcomes);
    }
}
