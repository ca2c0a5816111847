package io.certeus.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** certeus-client's own dependencies (this module's test classpath) hold no member code. */
class ClientClasspathTest {
    @Test
    void memberArtifactIsNotADependencyOfTheClient() {
        assertThatThrownBy(() -> Class.forName("io.certeus.member.CerteusMemberPlugin"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.micrometer.prometheusmetrics.PrometheusMeterRegistry"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
