package io.certeus.cli;

import com.hazelcast.config.Config;
import io.certeus.member.bootstrap.LocalGrid;
import io.certeus.member.bootstrap.MemberConfigs;
import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.provision.PostgresHandle;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Starts members in this JVM from {@code config/hazelcast.yaml} (a file or the packaged copy),
 * pointed at a resolved PostgreSQL and schema.
 *
 * <p>Not thread-safe: start from one thread.
 */
public final class LocalClusterLauncher {
    private LocalClusterLauncher() {
    }

    /**
     * @param memberYaml the member config file, or {@code null} for the packaged one
     * @param postgres where the MapStores write; {@code null} runs the grid without persistence
     */
    public static LocalGrid start(int members, Path memberYaml, String clusterName, int basePort, PostgresHandle postgres,
            String schema) {
        return LocalGrid.start(members, index -> {
            Config config = memberYaml == null ? MemberConfigs.fromClasspath(new Properties())
                    : MemberConfigs.fromFile(memberYaml, new Properties());
            if (clusterName != null) {
                config.setClusterName(clusterName);
            }
            config.getNetworkConfig().setPort(basePort);
            // The launcher's owner flushes and shuts members down in order; Hazelcast's own hook would race it.
            config.setProperty("hazelcast.shutdownhook.enabled", "false");
            // Several members share this machine's cores: give backup acknowledgements (and so Jet
            // snapshots) more time than the 5 s default before invocations give up.
            config.setProperty("hazelcast.operation.backup.timeout.millis", "30000");
            if (postgres == null) {
                MemberConfigs.withoutPersistence(config);
            } else {
                config.setProperty(PostgresSettings.URL, postgres.jdbcUrl());
                config.setProperty(PostgresSettings.USER, postgres.user());
                if (postgres.password() != null) {
                    config.setProperty(PostgresSettings.PASSWORD, postgres.password());
                }
                config.setProperty(PostgresSettings.SCHEMA, schema);
            }
            return config;
        });
    }
}
