package io.certeus.postgres.provision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The two facts about this host that decide how a PostgreSQL is provisioned: does a Docker engine
 * answer, and does this process run as root (embedded PostgreSQL refuses to run as root).
 *
 * <p>Thread-safe: stateless.
 */
final class HostProbes {
    private static final String TESTCONTAINERS_FACTORY = "org.testcontainers.DockerClientFactory";

    private HostProbes() {
    }

    /**
     * Asks Testcontainers whether a Docker engine answers, but only when there is a hint of one
     * ({@code DOCKER_HOST}, a Docker socket, or a Testcontainers config file), because Testcontainers'
     * own search is slow and loud on a host without Docker.
     */
    static boolean dockerEngineAnswers(Map<String, String> environment) {
        if (!hasDockerHint(environment) || !isOnClasspath(TESTCONTAINERS_FACTORY)) {
            return false;
        }
        try {
            return TestcontainersPostgres.dockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static boolean hasDockerHint(Map<String, String> environment) {
        if (environment.get("DOCKER_HOST") != null || environment.get("TESTCONTAINERS_HOST_OVERRIDE") != null) {
            return true;
        }
        String home = System.getProperty("user.home", "/nonexistent");
        return Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(home, ".testcontainers.properties"));
    }

    /** Whether this process runs with user id 0 (read from the owner of {@code /proc/self}, falling back to user.name). */
    static boolean runningAsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (uid instanceof Integer) {
                return (Integer) uid == 0;
            }
        } catch (Exception | LinkageError e) {
            // not Linux or no unix attribute view: fall through
        }
        return "root".equals(System.getProperty("user.name"));
    }

    static boolean isOnClasspath(String className) {
        try {
            Class.forName(className, false, HostProbes.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
