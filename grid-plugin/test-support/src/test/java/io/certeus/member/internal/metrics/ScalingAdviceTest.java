package io.certeus.member.internal.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScalingAdviceTest {
    @Test
    void recommendsCeilOfRateOverUsableCapacity() {
        ScalingAdvice advice = new ScalingAdvice(5_000, 70, 1);
        assertThat(advice.recommendedMembers(3_500)).isEqualTo(1);
        assertThat(advice.recommendedMembers(3_501)).isEqualTo(2);
        assertThat(advice.recommendedMembers(28_000)).isEqualTo(8);
    }

    @Test
    void neverRecommendsFewerThanTheMajority() {
        ScalingAdvice advice = new ScalingAdvice(5_000, 70, 5);
        assertThat(advice.recommendedMembers(0)).isEqualTo(5);
        assertThat(advice.recommendedMembers(Double.NaN)).isEqualTo(5);
        assertThat(advice.recommendedMembers(-1)).isEqualTo(5);
    }

    @Test
    void refusesOutOfRangeSettings() {
        assertThatThrownBy(() -> new ScalingAdvice(0, 70, 1)).hasMessageContaining(ScalingAdvice.MEMBER_CAPACITY);
        assertThatThrownBy(() -> new ScalingAdvice(5_000, 5, 1)).hasMessageContaining(ScalingAdvice.TARGET_UTILISATION_PERCENT);
    }
}
