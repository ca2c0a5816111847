package io.certeus.cli.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DecileRatesTest {
    private static final long SECOND_NS = 1_000_000_000L;

    @Test
    void steadyRunHasEqualDecileRates() {
        // 1000 events at 100/s, every 100th sampled and durable exactly when due
        long[] index = new long[10];
        long[] done = new long[10];
        for (int i = 0; i < 10; i++) {
            index[i] = i * 100L + 99;
            done[i] = (i + 1) * SECOND_NS;
        }
        double[] rates = DecileRates.compute(1_000, index, done, 10 * SECOND_NS);
        assertThat(rates[0]).isCloseTo(100, within(0.001));
        assertThat(rates[1]).isCloseTo(100, within(0.001));
    }

    @Test
    void slowingRunHasALowerLastDecile() {
        long[] index = {99, 899, 999};
        long[] done = {SECOND_NS, 9 * SECOND_NS, 13 * SECOND_NS};
        double[] rates = DecileRates.compute(1_000, index, done, 13 * SECOND_NS);
        assertThat(rates[0]).isCloseTo(100, within(0.001));
        assertThat(rates[1]).as("last 100 events took 4 s").isCloseTo(25, within(0.001));
    }

    @Test
    void aLateEarlySampleDelaysThePrefix() {
        long[] index = {10, 50};
        long[] done = {3 * SECOND_NS, SECOND_NS};
        double[] rates = DecileRates.compute(1_000, index, done, 10 * SECOND_NS);
        assertThat(rates[0]).as("the first 100 are done only when sample 10 is").isCloseTo(100 / 3.0, within(0.001));
    }

    @Test
    void aSampleSeenAfterTheEndMovesTheEndNotTheRateToUnknown() {
        long[] index = {99, 899};
        long[] done = {SECOND_NS, 10 * SECOND_NS};
        double[] rates = DecileRates.compute(1_000, index, done, 9 * SECOND_NS);
        assertThat(rates[1]).as("100 events from 10 s (the last sample) to 10 s").isNaN();
        rates = DecileRates.compute(1_000, new long[] {99, 899, 950}, new long[] {SECOND_NS, 9 * SECOND_NS, 11 * SECOND_NS},
                10 * SECOND_NS);
        assertThat(rates[1]).as("100 events from 9 s to 11 s").isCloseTo(50, within(0.001));
    }

    @Test
    void withoutSamplesTheRatesAreUnknown() {
        double[] rates = DecileRates.compute(1_000, new long[0], new long[0], 10 * SECOND_NS);
        assertThat(rates[0]).isNaN();
        assertThat(rates[1]).isNaN();
    }
}
