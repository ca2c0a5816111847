package io.certeus.cli.top;

import io.certeus.member.internal.counters.CerteusCounter;
import io.certeus.member.internal.counters.CountersSnapshot;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RateWindowTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final Path FILE = Path.of("/tmp/certeus-counters/hz1-1.counters");

    @Test
    void rateIsGrowthOverTheTimeBetweenTheMembersHeartbeats() {
        RateWindow window = new RateWindow(5_000);
        assertThat(window.update(List.of(appended(T0, 1_000, T0)), T0).get(0).ratePerSecond(CerteusCounter.EVENTS_APPENDED))
                .as("one sample has no rate").isNull();

        MemberView later = window.update(List.of(appended(T0 + 2_000, 5_000, T0)), T0 + 2_100).get(0);

        assertThat(later.ratePerSecond(CerteusCounter.EVENTS_APPENDED)).isEqualTo(2_000.0);
        assertThat(later.ratePerSecond(CerteusCounter.DURABLE_LAG)).as("gauges have no rate").isNull();
    }

    @Test
    void aReadBetweenTwoMemberSamplesKeepsTheLastRate() {
        RateWindow window = new RateWindow(5_000);
        window.update(List.of(appended(T0, 0, T0)), T0);
        window.update(List.of(appended(T0 + 1_000, 500, T0)), T0 + 1_000);

        MemberView sameSample = window.update(List.of(appended(T0 + 1_000, 500, T0)), T0 + 1_500).get(0);

        assertThat(sameSample.ratePerSecond(CerteusCounter.EVENTS_APPENDED)).isEqualTo(500.0);
    }

    @Test
    void staleMemberHasNoRates() {
        RateWindow window = new RateWindow(5_000);
        window.update(List.of(appended(T0, 0, T0)), T0);
        window.update(List.of(appended(T0 + 1_000, 500, T0)), T0 + 1_000);

        MemberView stale = window.update(List.of(appended(T0 + 1_000, 500, T0)), T0 + 6_001).get(0);

        assertThat(stale.stale()).isTrue();
        assertThat(stale.heartbeatAgeMs()).isEqualTo(5_001);
        assertThat(stale.ratePerSecond(CerteusCounter.EVENTS_APPENDED)).isNull();
    }

    @Test
    void aNewMemberInTheSameFileStartsItsRatesAfresh() {
        RateWindow window = new RateWindow(5_000);
        window.update(List.of(appended(T0, 0, T0)), T0);
        window.update(List.of(appended(T0 + 1_000, 9_000, T0)), T0 + 1_000);

        MemberView restarted = window.update(List.of(appended(T0 + 3_000, 10, T0 + 2_500)), T0 + 3_000).get(0);

        assertThat(restarted.ratePerSecond(CerteusCounter.EVENTS_APPENDED)).isNull();
    }

    private static CountersSnapshot appended(long heartbeatMs, long appended, long startMs) {
        return new CountersSnapshot(FILE, "hz1", "u", 1, startMs, heartbeatMs,
                Map.of(CerteusCounter.EVENTS_APPENDED, appended, CerteusCounter.DURABLE_LAG, 3L));
    }
}
