package io.certeus.member.internal.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IngestLagTest {
    private static final int LANE = 5;

    @Test
    void countsAppendsBetweenSamples() {
        IngestLag lag = new IngestLag();
        lag.recordSample(LANE, 10, lag.appendsSinceSample(LANE));
        lag.recordAppend(LANE);
        lag.recordAppend(LANE);
        assertThat(lag.pendingEstimate(LANE)).isEqualTo(12);
    }

    @Test
    void aSampleNeverForgetsAnAppendThatLandedWhileTheLaneWasMeasured() {
        IngestLag lag = new IngestLag();
        lag.recordAppend(LANE);
        lag.recordAppend(LANE);
        int countedBefore = lag.appendsSinceSample(LANE);
        lag.recordAppend(LANE); // stored after the measurement below was taken
        lag.recordSample(LANE, 2, countedBefore);
        assertThat(lag.pendingEstimate(LANE)).as("the measured 2 plus the one it could not see").isEqualTo(3);
    }
}
