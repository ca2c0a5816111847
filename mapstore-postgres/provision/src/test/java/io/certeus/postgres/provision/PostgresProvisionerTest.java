package io.certeus.postgres.provision;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class PostgresProvisionerTest {
    private final List<String> started = new ArrayList<>();

    private Supplier<PostgresHandle> starter(PostgresSource source) {
        return () -> {
            started.add(source.name());
            return new PostgresHandle(source, "jdbc:postgresql://fake/" + source, "u", "p", null);
        };
    }

    private PostgresProvisioner provisioner(Map<String, String> env, boolean docker, boolean root, boolean embeddedJar) {
        return new PostgresProvisioner(env, () -> docker, () -> root, () -> embeddedJar,
                starter(PostgresSource.TESTCONTAINERS), starter(PostgresSource.EMBEDDED));
    }

    @Test
    void environmentUrlWinsOverEverythingAndStartsNothing() {
        Map<String, String> env = Map.of(PostgresProvisioner.ENV_URL, "jdbc:postgresql://db:5432/test",
                PostgresProvisioner.ENV_USER, "alice", PostgresProvisioner.ENV_PASSWORD, "secret");
        PostgresHandle handle = provisioner(env, true, false, true).provision();
        assertThat(handle.source()).isEqualTo(PostgresSource.ENVIRONMENT);
        assertThat(handle.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/test");
        assertThat(handle.user()).isEqualTo("alice");
        assertThat(handle.password()).isEqualTo("secret");
        assertThat(handle.toString()).doesNotContain("secret");
        assertThat(started).isEmpty();
    }

    @Test
    void environmentUserDefaultsToPostgresAndPasswordToNone() {
        PostgresHandle handle = provisioner(Map.of(PostgresProvisioner.ENV_URL, "jdbc:postgresql://db/test"),
                false, true, false).provision();
        assertThat(handle.user()).isEqualTo("postgres");
        assertThat(handle.password()).isNull();
    }

    @Test
    void blankEnvironmentUrlCountsAsUnset() {
        PostgresHandle handle = provisioner(Map.of(PostgresProvisioner.ENV_URL, "  "), true, false, true).provision();
        assertThat(handle.source()).isEqualTo(PostgresSource.TESTCONTAINERS);
    }

    @Test
    void refusesEnvironmentUrlThatIsNotPostgresJdbc() {
        assertThatThrownBy(() -> provisioner(Map.of(PostgresProvisioner.ENV_URL, "postgres://db/test"), false, false, true)
                .provision())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CERTEUS_PG_URL")
                .hasMessageContaining("value=postgres://db/test");
    }

    @Test
    void dockerEngineWinsOverEmbedded() {
        PostgresHandle handle = provisioner(Map.of(), true, false, true).provision();
        assertThat(handle.source()).isEqualTo(PostgresSource.TESTCONTAINERS);
        assertThat(started).containsExactly("TESTCONTAINERS");
    }

    @Test
    void embeddedWhenNoDockerAndNotRoot() {
        PostgresHandle handle = provisioner(Map.of(), false, false, true).provision();
        assertThat(handle.source()).isEqualTo(PostgresSource.EMBEDDED);
        assertThat(started).containsExactly("EMBEDDED");
    }

    @Test
    void failsWithInstructionsWhenRootAndNoDocker() {
        assertThatThrownBy(() -> provisioner(Map.of(), false, true, true).provision())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runningAsRoot=true")
                .hasMessageContaining("export CERTEUS_PG_URL=jdbc:postgresql://");
        assertThat(started).isEmpty();
    }

    @Test
    void failsWhenEmbeddedPostgresIsNotOnTheClasspath() {
        assertThatThrownBy(() -> provisioner(Map.of(), false, false, false).provision())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("embeddedPostgresOnClasspath=false");
    }

    @Test
    void closingAHandleStopsWhatWasStartedOnce() throws Exception {
        int[] stops = {0};
        PostgresHandle handle = new PostgresHandle(PostgresSource.EMBEDDED, "jdbc:postgresql://x/y", "u", null,
                () -> stops[0]++);
        handle.close();
        handle.close();
        assertThat(stops[0]).isEqualTo(1);
    }

    @Test
    void hostProbeSeesNoDockerWithoutAnyHint() {
        // On a host with no DOCKER_HOST and no socket the probe must answer fast and without Testcontainers' search.
        if (!HostProbes.hasDockerHint(Map.of())) {
            assertThat(HostProbes.dockerEngineAnswers(Map.of())).isFalse();
        }
    }
}
