package io.certeus.cli.bench;

import io.certeus.cli.demo.CaseWorkload;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class OpenLoopLoadTest {
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    @Test
    @Timeout(10)
    void countsEveryEventInTheStepOfItsIntendedSendTimeWhateverWhenItIsSentOrAcknowledged() {
        RateSchedule plan = new RateSchedule(10, 10, SECOND_NS);
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        OpenLoopLoad.Appender appender = (event, onRefusal) -> {
            if (answers.size() == 10) {
                onRefusal.run();
            }
            CompletableFuture<Void> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        };
        StepTallies tallies = new StepTallies();
        OpenLoopLoad load = new OpenLoopLoad(plan, new CaseWorkload(10, 7, Instant.parse("2026-01-01T00:00:00Z")), appender,
                new EventIdLog(), new LatencyRecorder("ack"), (index, eventId, intendedNs, measured) -> { }, tallies);

        // every intended time lies 7 to 10 s in the past: the pacer catches up, sending all 60 events at once
        String reason = load.run(System.nanoTime() - 10 * SECOND_NS, Long.MAX_VALUE, 3 * SECOND_NS);
        for (int i = answers.size() - 1; i >= 0; i--) {
            answers.get(i).complete(null);
        }

        assertThat(reason).startsWith(OpenLoopLoad.DURATION_REACHED);
        assertThat(load.sent()).isEqualTo(60);
        assertThat(List.of(tallies.peek(0).sent(), tallies.peek(1).sent(), tallies.peek(2).sent())).containsExactly(10L, 20L, 30L);
        assertThat(List.of(tallies.peek(0).answered(), tallies.peek(1).answered(), tallies.peek(2).answered()))
                .containsExactly(10L, 20L, 30L);
        assertThat(List.of(tallies.peek(0).refusals(), tallies.peek(1).refusals())).as("first event of step 1 refused once")
                .containsExactly(0L, 1L);
        Histogram step0 = tallies.peek(0).ackLatencies();
        Histogram step1 = tallies.peek(1).ackLatencies();
        Histogram step2 = tallies.peek(2).ackLatencies();
        assertThat(step0.getTotalCount()).isEqualTo(10);
        assertThat(step0.getMinValue()).as("step 0 intended 9 to 10 s before its acks").isGreaterThan(step1.getMaxValue());
        assertThat(step1.getMinValue()).as("step 1 intended 8 to 9 s before its acks").isGreaterThan(step2.getMaxValue());
    }
}
