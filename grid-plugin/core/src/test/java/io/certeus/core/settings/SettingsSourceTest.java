package io.certeus.core.settings;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsSourceTest {
    private static Properties props(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void environmentOverridesProperties() {
        SettingsSource source = new SettingsSource(props("certeus.pg.url", "jdbc:postgresql://a/b"),
                Map.of("CERTEUS_PG_URL", "jdbc:postgresql://c/d"));
        assertThat(source.getString("certeus.pg.url", null)).isEqualTo("jdbc:postgresql://c/d");
    }

    @Test
    void fallsBackToPropertiesThenDefault() {
        SettingsSource source = new SettingsSource(props("certeus.a", "x"), Map.of());
        assertThat(source.getString("certeus.a", "d")).isEqualTo("x");
        assertThat(source.getString("certeus.b", "d")).isEqualTo("d");
    }

    @Test
    void mapsDotsAndDashesToEnvironmentNames() {
        assertThat(SettingsSource.environmentName("certeus.pipeline.anchor-interval-ms"))
                .isEqualTo("CERTEUS_PIPELINE_ANCHOR_INTERVAL_MS");
    }

    @Test
    void refusesOutOfRangeNumbersWithKeyAndRange() {
        SettingsSource source = new SettingsSource(props("certeus.pool.size", "0"), Map.of());
        assertThatThrownBy(() -> source.getInt("certeus.pool.size", 8, 1, 500))
                .hasMessage("setting out of range: key=certeus.pool.size, value=0, allowed=[1, 500]");
    }

    @Test
    void refusesMalformedValues() {
        SettingsSource source = new SettingsSource(props("certeus.n", "ten", "certeus.flag", "yes"), Map.of());
        assertThatThrownBy(() -> source.getLong("certeus.n", 1, 0, 100)).hasMessageContaining("key=certeus.n, value=ten");
        assertThatThrownBy(() -> source.getBoolean("certeus.flag", false)).hasMessageContaining("key=certeus.flag");
    }

    @Test
    void acceptsUnderscoresInNumbers() {
        SettingsSource source = new SettingsSource(props("certeus.n", "1_000_000"), Map.of());
        assertThat(source.getLong("certeus.n", 1, 0, Long.MAX_VALUE)).isEqualTo(1_000_000L);
    }
}
