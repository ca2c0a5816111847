package io.certeus.cli;

import com.hazelcast.client.config.ClientClasspathYamlConfig;
import com.hazelcast.client.config.ClientConfig;
import io.certeus.core.settings.SettingsSource;
import io.certeus.member.bootstrap.LocalGrid;
import io.certeus.member.bootstrap.MemberConfigs;
import io.certeus.pipeline.LedgerJobs;
import io.certeus.pipeline.PipelineSettings;
import io.certeus.testing.PostgresTestSupport;

import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

import static com.hazelcast.test.HazelcastTestSupport.assertTrueEventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real grid for CLI tests: members from the shipped YAML on loopback, persisting to the test
 * class's PostgreSQL schema, with the ledger job running.
 *
 * <p>Not thread-safe: start and close from the test's lifecycle methods.
 */
final class LedgerGridFixture implements AutoCloseable {
    private final LocalGrid grid;
    private final String clusterName;
    private final int port;
    private final PostgresTestSupport postgres;

    LedgerGridFixture(PostgresTestSupport postgres, int members, int port) {
        this.postgres = postgres;
        this.port = port;
        this.clusterName = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        this.grid = LocalClusterLauncher.start(members, null, clusterName, port, postgres.server(), postgres.schema());
        LedgerJobs.startIfAbsent(grid.anyMember(), PipelineSettings.from(SettingsSource.of(grid.anyMember().getConfig().getProperties())));
    }

    LocalGrid grid() {
        return grid;
    }

    /** The options that point a CLI command at this grid. */
    String[] gridArgs() {
        return new String[] {"--cluster-name", clusterName, "--address", "127.0.0.1:" + port};
    }

    /** The options that point an offline CLI command at this class's schema. */
    String[] postgresArgs() {
        return new String[] {"--pg-url", postgres.jdbcUrl(), "--pg-user", postgres.user(), "--schema", postgres.schema()};
    }

    ClientConfig clientConfig() {
        ClientConfig config = new ClientClasspathYamlConfig(MemberConfigs.CLASSPATH_CLIENT_YAML);
        config.setClusterName(clusterName);
        config.getNetworkConfig().setAddresses(List.of("127.0.0.1:" + port));
        return config;
    }

    /** Waits until the ledger and the newest anchor covering it are in PostgreSQL. */
    void awaitPersisted(long entries) {
        assertTrueEventually(() -> {
            grid.flush();
            assertThat(count("SELECT count(*) FROM ledger_entry")).isEqualTo(entries);
            assertThat(count("SELECT coalesce(max(sequence), -1) FROM anchor")).isGreaterThanOrEqualTo(0);
        }, 120);
    }

    long count(String sql) {
        LongSupplier query = () -> {
            try {
                return postgres.queryLong(sql);
            } catch (java.sql.SQLException e) {
                return -1; // tables appear once a member has migrated the schema
            }
        };
        return query.getAsLong();
    }

    @Override
    public void close() {
        grid.close();
    }
}
