package io.certeus.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateScheduleTest {
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    @Test
    void fixedRateSpacesEventsEvenlyWithoutDrift() {
        RateSchedule schedule = new RateSchedule(3, 0, 10 * SECOND_NS);
        assertThat(schedule.nextOffsetNs()).isZero();
        assertThat(schedule.nextOffsetNs()).isEqualTo(333_333_333L);
        assertThat(schedule.nextOffsetNs()).isEqualTo(666_666_666L);
        long last = 0;
        for (int i = 3; i <= 3_000; i++) {
            last = schedule.nextOffsetNs();
        }
        assertThat(last).as("event 3000 at 3/s is due at exactly 1000 s").isEqualTo(1_000 * SECOND_NS);
    }

    @Test
    void stepModeRaisesTheRateEveryStep() {
        RateSchedule schedule = new RateSchedule(10, 10, 2 * SECOND_NS);
        assertThat(RateSchedule.eventsWithin(10, 10, 2 * SECOND_NS, 2 * SECOND_NS)).as("step 0: 10/s for 2 s").isEqualTo(20);
        assertThat(RateSchedule.eventsWithin(10, 10, 2 * SECOND_NS, 4 * SECOND_NS)).as("plus step 1: 20/s for 2 s").isEqualTo(60);
        for (int i = 0; i < 20; i++) {
            schedule.nextOffsetNs();
        }
        assertThat(schedule.nextOffsetNs()).as("first event of step 1 at its start").isEqualTo(2 * SECOND_NS);
        assertThat(schedule.nextOffsetNs()).as("then 20/s").isEqualTo(2 * SECOND_NS + 50_000_000L);
        assertThat(schedule.rateOfStep(3)).isEqualTo(40);
        assertThat(schedule.stepAt(5 * SECOND_NS)).isEqualTo(2);
    }

    @Test
    void eventsInStepCountsWhatThePacerSchedulesInIt() {
        RateSchedule schedule = new RateSchedule(3, 7, 2_500_000_000L);
        for (int step = 0; step < 4; step++) {
            long within = RateSchedule.eventsWithin(3, 7, 2_500_000_000L, (step + 1) * 2_500_000_000L)
                    - RateSchedule.eventsWithin(3, 7, 2_500_000_000L, step * 2_500_000_000L);
            assertThat(schedule.eventsInStep(step)).as("step %d", step).isEqualTo(within);
        }
    }

    @Test
    void refusesANonPositiveRate() {
        assertThatThrownBy(() -> new RateSchedule(0, 0, SECOND_NS)).hasMessageContaining("startRatePerS=0");
    }
}
