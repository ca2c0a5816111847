package io.certeus.testing;

import io.certeus.postgres.provision.PostgresHandle;
import io.certeus.postgres.provision.PostgresProvisioner;

/**
 * One provisioned PostgreSQL per test JVM, resolved on first use and closed by a shutdown hook, so
 * a container or embedded server starts once however many test classes use it.
 *
 * <p>Thread-safe: first use is synchronized; the handle is immutable afterwards.
 */
public final class SharedPostgres {
    private static PostgresHandle handle;
    private static IllegalStateException failure;

    private SharedPostgres() {
    }

    /** The JVM-wide PostgreSQL; throws the provisioner's explanation (every time) when there is none. */
    public static synchronized PostgresHandle handle() {
        if (handle != null) {
            return handle;
        }
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        try {
            PostgresHandle provisioned = PostgresProvisioner.forThisHost().provision();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(provisioned), "certeus-test-postgres-stop"));
            handle = provisioned;
            return handle;
        } catch (IllegalStateException e) {
            failure = e;
            throw e;
        }
    }

    private static void closeQuietly(PostgresHandle provisioned) {
        try {
            provisioned.close();
        } catch (Exception e) {
            System.err.println("certeus-test-postgres: stop failed: " + e);
        }
    }
}
