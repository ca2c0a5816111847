package io.certeus.core.retry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    @Test
    void doublesTheFirstDelayAfterEachFailureUpToTheCap() {
        Backoff backoff = Backoff.exponential(5, 30);
        assertThat(backoff.delayMs(1)).isEqualTo(5);
        assertThat(backoff.delayMs(2)).isEqualTo(10);
        assertThat(backoff.delayMs(3)).isEqualTo(20);
        assertThat(backoff.delayMs(4)).isEqualTo(30);
        assertThat(backoff.delayMs(5)).isEqualTo(30);
    }

    @Test
    void staysAtTheCapAfterAsManyFailuresAsAnIntHolds() {
        Backoff backoff = Backoff.exponential(3, 60_000);
        assertThat(backoff.delayMs(62)).isEqualTo(60_000);
        assertThat(backoff.delayMs(63)).isEqualTo(60_000);
        assertThat(backoff.delayMs(Integer.MAX_VALUE)).isEqualTo(60_000);
    }

    @Test
    void fixedAlwaysWaitsTheSame() {
        Backoff backoff = Backoff.fixed(7);
        assertThat(backoff.delayMs(1)).isEqualTo(7);
        assertThat(backoff.delayMs(40)).isEqualTo(7);
    }

    @Test
    void refusesAZeroDelayBecauseItWouldSpin() {
        assertThatThrownBy(() -> Backoff.exponential(0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("firstDelayMs=0");
    }

    @Test
    void refusesACapBelowTheFirstDelay() {
        assertThatThrownBy(() -> Backoff.exponential(10, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDelayMs=5");
    }

    @Test
    void countsFailuresFromOne() {
        assertThatThrownBy(() -> Backoff.fixed(1).delayMs(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failures=0");
    }
}
