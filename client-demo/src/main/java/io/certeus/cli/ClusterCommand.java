package io.certeus.cli;

import io.certeus.member.bootstrap.LocalGrid;
import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.provision.PostgresHandle;
import io.certeus.postgres.provision.PostgresProvisioner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code certeus cluster start}: members in this JVM until interrupted. */
@Command(name = "cluster", description = "Run a local grid.", subcommands = ClusterCommand.Start.class)
public final class ClusterCommand {

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start members from config/hazelcast.yaml in this JVM and keep them running until Ctrl-C.")
    static final class Start implements Callable<Integer> {
        @Option(names = "--members", paramLabel = "N", description = "Members to start (default: ${DEFAULT-VALUE}; --full starts 8).")
        int members = 3;

        @Option(names = "--full", description = "Start the full 8-member grid.")
        boolean full;

        @Option(names = "--config", paramLabel = "YAML", description = "Member config (default: the packaged config/hazelcast.yaml).")
        Path config;

        @Option(names = "--cluster-name", paramLabel = "NAME", description = "Cluster name (default: from the config).")
        String clusterName;

        @Option(names = "--port", paramLabel = "PORT", description = "First member port (default: ${DEFAULT-VALUE}).")
        int port = 5701;

        @Option(names = "--schema", paramLabel = "SCHEMA", description = "PostgreSQL schema (default: ${DEFAULT-VALUE}).")
        String schema = PostgresSettings.DEFAULT_SCHEMA;

        @Option(names = "--no-persistence", description = "Run without PostgreSQL (nothing is persisted).")
        boolean noPersistence;

        @Override
        public Integer call() throws Exception {
            int count = full ? 8 : members;
            PostgresHandle postgres = noPersistence ? null : PostgresProvisioner.forThisHost().provision();
            CountDownLatch stopped = new CountDownLatch(1);
            try (LocalGrid grid = LocalClusterLauncher.start(count, config, clusterName, port, postgres, schema)) {
                System.out.printf("certeus: %d members running, cluster=%s, first port=%d, postgres=%s%n", count,
                        grid.anyMember().getConfig().getClusterName(), port,
                        postgres == null ? "none" : postgres.jdbcUrl() + " schema=" + schema);
                System.out.println("certeus: press Ctrl-C to flush and stop");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    grid.close();
                    stopped.countDown();
                }, "certeus-cluster-stop"));
                stopped.await();
            } finally {
                if (postgres != null) {
                    postgres.close();
                }
            }
            return ExitCodes.OK;
        }
    }
}
