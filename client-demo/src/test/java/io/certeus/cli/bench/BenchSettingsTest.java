package io.certeus.cli.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchSettingsTest {
    @Test
    void parsesDurationsWithUnits() {
        assertThat(BenchSettings.parseDurationMs("60s")).isEqualTo(60_000);
        assertThat(BenchSettings.parseDurationMs("5m")).isEqualTo(300_000);
        assertThat(BenchSettings.parseDurationMs("1h")).isEqualTo(3_600_000);
        assertThat(BenchSettings.parseDurationMs("1500ms")).isEqualTo(1_500);
        assertThat(BenchSettings.parseDurationMs("90")).as("bare number is seconds").isEqualTo(90_000);
    }

    @Test
    void refusesBadValuesInsteadOfReplacingThem() {
        assertThatThrownBy(() -> BenchSettings.parseDurationMs("soon")).hasMessageContaining("duration=soon");
        BenchSettings settings = new BenchSettings();
        settings.schema = "bench_x";
        settings.stepMode = true;
        settings.stepSeconds = 1;
        assertThatThrownBy(settings::validate).hasMessageContaining("stepSeconds=1");
    }
}
