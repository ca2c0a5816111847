package io.certeus.postgres.provision;

import java.util.Objects;

/**
 * Connection facts of a provisioned PostgreSQL; closing it stops whatever the provisioner started
 * (nothing, for {@link PostgresSource#ENVIRONMENT}).
 *
 * <p>Thread-safe: the getters are immutable values; {@link #close()} is idempotent and may be
 * called from any thread (for example a shutdown hook).
 */
public final class PostgresHandle implements AutoCloseable {
    private final PostgresSource source;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final AutoCloseable stopper;
    private boolean closed;

    /**
     * @param password may be {@code null} (trust authentication)
     * @param stopper  stops what was started; {@code null} when nothing was
     */
    public PostgresHandle(PostgresSource source, String jdbcUrl, String user, String password, AutoCloseable stopper) {
        this.source = Objects.requireNonNull(source, "source");
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = Objects.requireNonNull(user, "user");
        this.password = password;
        this.stopper = stopper;
    }

    public PostgresSource source() {
        return source;
    }

    /** A {@code jdbc:postgresql://...} URL. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    /** The password, or {@code null} when the server trusts the user. */
    public String password() {
        return password;
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        if (stopper != null) {
            stopper.close();
        }
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "PostgresHandle{source=" + source + ", jdbcUrl=" + jdbcUrl + ", user=" + user + '}';
    }
}
