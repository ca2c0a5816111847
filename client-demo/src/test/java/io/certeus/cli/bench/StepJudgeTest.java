package io.certeus.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StepJudgeTest {
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long MS_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long START_NS = 1_000 * SECOND_NS;
    private static final long SLO_MS = 100;
    private static final long GRACE_NS = StepJudge.graceNs(SLO_MS);

    /** 100/s, +100/s every 10 s: step 0 has 1000 events, step 1 has 2000. */
    private final RateSchedule plan = new RateSchedule(100, 100, 10 * SECOND_NS);
    private final StepTallies tallies = new StepTallies();
    private final List<String> stops = new ArrayList<>();

    private StepJudge judge(boolean stepMode, long planEndNs) {
        return new StepJudge(plan, new StepRule(SLO_MS, 1.0), stepMode, START_NS, planEndNs, tallies, stops::add);
    }

    /** Sends {@code sent} events of a step and acknowledges {@code acked} of them {@code latencyMs} after their intended time. */
    private void load(int step, long sent, long acked, long latencyMs) {
        StepTally tally = tallies.of(step);
        for (long i = 0; i < sent; i++) {
            tally.onSent();
        }
        for (long i = 0; i < acked; i++) {
            tally.onAcked(0, latencyMs * MS_NS);
        }
    }

    private static long endOfStep(int step) {
        return START_NS + (step + 1) * 10 * SECOND_NS;
    }

    @Test
    void graceIsFiveSlosAtMostTwoSeconds() {
        assertThat(StepJudge.graceNs(100)).isEqualTo(500 * MS_NS);
        assertThat(StepJudge.graceNs(1_000)).isEqualTo(2 * SECOND_NS);
    }

    @Test
    void judgesAStepFromItsOwnEventsNotFromSlowAcknowledgementsOfTheNextStep() {
        StepJudge judge = judge(true, 60 * SECOND_NS);
        load(0, 1_000, 1_000, 5);
        load(1, 50, 50, 3_000);

        assertThat(judge.judgeDue(endOfStep(0) - 1, false)).as("window not over yet").isEmpty();
        List<StepOutcome> verdicts = judge.judgeDue(endOfStep(0), false);

        assertThat(verdicts).hasSize(1);
        StepOutcome step0 = verdicts.get(0);
        assertThat(step0.passed()).as("failure=%s", step0.failure).isTrue();
        assertThat(step0.ackP99Ms).isLessThan(6);
        assertThat(step0.sent).isEqualTo(1_000);
        assertThat(step0.judgedAtS).isEqualTo(10.0);
        assertThat(stops).isEmpty();
    }

    @Test
    void waitsForTheGraceThenCountsUnansweredEventsAsAtLeastThatLate() {
        StepJudge judge = judge(true, 60 * SECOND_NS);
        load(0, 1_000, 980, 5);

        assertThat(judge.judgeDue(endOfStep(0), false)).as("20 acknowledgements outstanding").isEmpty();
        assertThat(judge.judgeDue(endOfStep(0) + GRACE_NS - 1, false)).isEmpty();
        List<StepOutcome> verdicts = judge.judgeDue(endOfStep(0) + GRACE_NS, false);

        assertThat(verdicts).hasSize(1);
        assertThat(verdicts.get(0).unansweredAtJudgment).isEqualTo(20);
        assertThat(verdicts.get(0).ackP99Ms).as("2 %% unanswered at >= 500 ms").isGreaterThanOrEqualTo(499);
        assertThat(verdicts.get(0).failure).startsWith("ack p99 over SLO");
        assertThat(stops).singleElement().asString().startsWith("step failed: step=0, ratePerS=100");
    }

    @Test
    void judgesNoStepAfterAFailedOneInStepMode() {
        StepJudge judge = judge(true, 60 * SECOND_NS);
        load(0, 1_000, 1_000, 400);
        load(1, 2_000, 2_000, 1);

        assertThat(judge.judgeDue(endOfStep(0), false)).singleElement().extracting(StepOutcome::passed).isEqualTo(false);
        assertThat(judge.judgeDue(endOfStep(5), false)).isEmpty();
        assertThat(judge.judgeDue(endOfStep(5), true)).isEmpty();
        assertThat(judge.outcomes()).hasSize(1);
        assertThat(stops).hasSize(1);
    }

    @Test
    void keepsJudgingWindowsAfterAFailureAtAFixedRate() {
        RateSchedule fixed = new RateSchedule(100, 0, 10 * SECOND_NS);
        StepJudge judge = new StepJudge(fixed, new StepRule(SLO_MS, 1.0), false, START_NS, 60 * SECOND_NS, tallies, stops::add);
        load(0, 1_000, 1_000, 400);
        load(1, 1_000, 1_000, 1);

        assertThat(judge.judgeDue(endOfStep(1), false)).extracting(StepOutcome::passed).containsExactly(false, true);
        assertThat(stops).isEmpty();
    }

    @Test
    void neverJudgesAStepAfterTheLoadStopped() {
        StepJudge judge = judge(true, 60 * SECOND_NS);
        load(0, 1_000, 1_000, 5);
        load(1, 500, 500, 5);
        assertThat(judge.judgeDue(endOfStep(0), false)).hasSize(1);

        // the load stopped 2.5 s into step 1; the clock goes on, nothing more is sent
        for (int step = 1; step < 6; step++) {
            assertThat(judge.judgeDue(endOfStep(step) + GRACE_NS, true)).as("step %d", step).isEmpty();
        }
        assertThat(judge.outcomes()).extracting(o -> o.step).containsExactly(0);
        assertThat(judge.targetRateAt(endOfStep(1), true)).isZero();
    }

    @Test
    void judgesTheLastStepWhenTheDurationEndsExactlyAtItAndTheLoadEnded() {
        StepJudge judge = judge(true, 20 * SECOND_NS);
        load(0, 1_000, 1_000, 5);
        load(1, 2_000, 1_990, 5);

        assertThat(judge.judgeDue(endOfStep(0), false)).hasSize(1);
        assertThat(judge.judgeDue(endOfStep(1), true)).as("acknowledgements still outstanding").isEmpty();
        assertThat(judge.judgeDue(endOfStep(1) + GRACE_NS, true)).extracting(o -> o.step).containsExactly(1);
    }

    @Test
    void neverJudgesAWindowTheDurationCutsShort() {
        StepJudge judge = judge(false, 15 * SECOND_NS);
        load(0, 1_000, 1_000, 5);
        load(1, 1_000, 1_000, 5);

        assertThat(judge.judgeDue(endOfStep(3), false)).extracting(o -> o.step).containsExactly(0);
    }

    @Test
    void takesTheBacklogFromTheReadingsOfTheStepsSecondHalf() {
        StepJudge judge = judge(true, 60 * SECOND_NS);
        load(0, 1_000, 1_000, 5);
        judge.observe(reading(2_000, 100));
        judge.observe(reading(5_200, 200));
        judge.observe(reading(7_000, 250));
        judge.observe(reading(9_500, 300));
        judge.observe(reading(10_300, 9_999));

        StepOutcome step0 = judge.judgeDue(endOfStep(0) + GRACE_NS, false).get(0);

        assertThat(step0.backlogAtMid).isEqualTo(200);
        assertThat(step0.backlogAtEnd).isEqualTo(300);
    }

    private static BacklogSampler.Reading reading(long startedAtMs, long backlog) {
        long startedNs = START_NS + startedAtMs * MS_NS;
        return new BacklogSampler.Reading(startedNs, startedNs + 100 * MS_NS, backlog, 0);
    }
}
