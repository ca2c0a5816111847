package io.certeus.core.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalUuidTest {
    @Test
    void parsesCanonicalTextToTheSameUuidAsTheJdk() {
        for (int i = 0; i < 1_000; i++) {
            UUID random = UUID.randomUUID();
            assertThat(CanonicalUuid.parseOrNull(random.toString())).isEqualTo(random);
        }
        assertThat(CanonicalUuid.parseOrNull("ffffffff-ffff-ffff-ffff-ffffffffffff")).isEqualTo(new UUID(-1L, -1L));
        assertThat(CanonicalUuid.parseOrNull("00000000-0000-0000-0000-000000000000")).isEqualTo(new UUID(0L, 0L));
    }

    @Test
    void acceptsUpperCaseHexAsTheSameUuid() {
        assertThat(CanonicalUuid.parseOrNull("01A2255E-1117-78A7-BEB0-FCD217A7348D"))
                .isEqualTo(UUID.fromString("01a2255e-1117-78a7-beb0-fcd217a7348d"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1-1-1-1-1", "01a2255e-1117-78a7-beb0-fcd217a7348", "01a2255e-1117-78a7-beb0-fcd217a7348d0",
            "01a2255e11177-8a7-beb0-fcd217a7348d", "01a2255e-1117-78a7-beb0_fcd217a7348d", "01a2255g-1117-78a7-beb0-fcd217a7348d",
            "{01a2255e-1117-78a7-beb0-fcd217a7348d}", "01a2255e111778a7beb0fcd217a7348d",
            " 1a2255e-1117-78a7-beb0-fcd217a7348d", "01a2255e-1117-78a7-beb0-fcd217a7348\u0661",
            "01a2255e-1117-78a7-beb0-fcd217a7348\uFF44", "+1a2255e-1117-78a7-beb0-fcd217a7348d",
            "01a2255e-+117-78a7-beb0-fcd217a7348d"})
    void refusesAnythingButCanonicalText(String text) {
        assertThat(CanonicalUuid.isCanonical(text)).isFalse();
        assertThat(CanonicalUuid.parseOrNull(text)).isNull();
    }

    @Test
    void refusesNull() {
        assertThat(CanonicalUuid.parseOrNull(null)).isNull();
    }
}
