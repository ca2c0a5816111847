package io.certeus.core.validation;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EpochMicrosTest {
    @Test
    void convertsTheWholeAcceptedRangeExactly() {
        assertThat(EpochMicros.saturatedOf(Instant.parse("1970-01-01T00:00:00Z"))).isEqualTo(EventLimits.MIN_OCCURRED_AT_MICROS);
        assertThat(EpochMicros.saturatedOf(Instant.parse("9999-12-31T23:59:59.999999Z"))).isEqualTo(EventLimits.MAX_OCCURRED_AT_MICROS);
        assertThat(EpochMicros.saturatedOf(Instant.parse("2026-01-01T00:00:00.123456789Z"))).isEqualTo(1_767_225_600_123_456L);
    }

    @Test
    void convertsBeyondTheNanosecondRangeOf1677To2262() {
        assertThat(EpochMicros.saturatedOf(Instant.parse("2263-01-01T00:00:00Z"))).isEqualTo(9_246_182_400_000_000L);
        assertThat(EpochMicros.saturatedOf(Instant.parse("1600-01-01T00:00:00.000001Z"))).isEqualTo(-11_676_096_000_000_000L + 1);
    }

    @Test
    void roundsTowardsThePastBeforeTheEpoch() {
        Instant justBefore = Instant.ofEpochSecond(-1, 999_999_999);
        assertThat(EpochMicros.saturatedOf(justBefore)).isEqualTo(-1);
        assertThat(EpochMicros.toInstant(-1)).isEqualTo(Instant.ofEpochSecond(-1, 999_999_000));
    }

    @Test
    void saturatesInsteadOfOverflowing() {
        assertThat(EpochMicros.saturatedOf(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
        assertThat(EpochMicros.saturatedOf(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
        assertThat(EpochMicros.saturatedOf(EpochMicros.toInstant(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(EpochMicros.saturatedOf(EpochMicros.toInstant(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
        assertThat(EpochMicros.saturatedOf(EpochMicros.toInstant(Long.MAX_VALUE).plusNanos(1_000))).isEqualTo(Long.MAX_VALUE);
        assertThat(EpochMicros.saturatedOf(EpochMicros.toInstant(Long.MIN_VALUE).minusNanos(1_000))).isEqualTo(Long.MIN_VALUE);
    }
}
