package io.certeus.postgres.provision;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts PostgreSQL in a Testcontainers container. Loaded only when Testcontainers is on the
 * classpath (it is an optional dependency).
 *
 * <p>Thread-safe: stateless; each call starts its own container.
 */
final class TestcontainersPostgres {
    /** The image tests run against: the PostgreSQL major version of the project's machines. */
    static final String IMAGE = "postgres:15-alpine";

    private TestcontainersPostgres() {
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static PostgresHandle start() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse(IMAGE));
        container.start();
        return new PostgresHandle(PostgresSource.TESTCONTAINERS, container.getJdbcUrl(), container.getUsername(),
                container.getPassword(), container::stop);
    }
}
