package io.certeus.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StepRuleTest {
    private final StepRule rule = new StepRule(100, 1.0);

    @Test
    void passesAStepWithinEveryLimit() {
        assertThat(rule.failure(new StepRule.StepMeasure(5_000, 50_000, 500, 99.9, 8_000, 12_000))).isNull();
    }

    @Test
    void failsAStepWhoseP99AckPassesTheSlo() {
        assertThat(rule.failure(new StepRule.StepMeasure(5_000, 50_000, 0, 100.5, 0, 0))).startsWith("ack p99 over SLO");
    }

    @Test
    void failsAStepWithMoreThanOnePercentRefused() {
        assertThat(rule.failure(new StepRule.StepMeasure(5_000, 50_000, 501, 10, 0, 0))).startsWith("refusals over limit");
    }

    @Test
    void failsAStepWhoseBacklogGrowsByMoreThanOneSecondOfItsRate() {
        assertThat(rule.failure(new StepRule.StepMeasure(5_000, 50_000, 0, 10, 1_000, 6_001))).startsWith("grid falls behind");
        assertThat(rule.failure(new StepRule.StepMeasure(5_000, 50_000, 0, 10, 1_000, 6_000))).isNull();
    }

    @Test
    void anUnmeasuredBacklogNeverFailsAStep() {
        assertThat(rule.failure(new StepRule.StepMeasure(5_000, 50_000, 0, 10, -1, 1_000_000))).isNull();
    }

    @Test
    void maxSustainableIsTheLastStepPassedBeforeTheFirstFailure() {
        List<StepOutcome> steps = List.of(step(0, 1_000, null), step(1, 2_000, null), step(2, 3_000, "ack p99 over SLO"),
                step(3, 4_000, null));
        assertThat(BenchResults.maxSustainable(steps)).isEqualTo(2_000L);
        assertThat(BenchResults.maxSustainable(List.of(step(0, 1_000, "refusals over limit")))).isNull();
    }

    private static StepOutcome step(int index, long rate, String failure) {
        return new StepOutcome(index, new StepRule.StepMeasure(rate, rate * 10, 0, 1, 0, 0), 0, 10.0 * (index + 1), failure);
    }
}
