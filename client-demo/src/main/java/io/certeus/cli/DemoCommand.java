package io.certeus.cli;

import io.certeus.cli.demo.DemoOptions;
import io.certeus.cli.demo.DemoRunner;
import io.certeus.member.bootstrap.LocalGrid;
import io.certeus.postgres.provision.PostgresHandle;
import io.certeus.postgres.provision.PostgresProvisioner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/** {@code certeus demo}: the whole system on this machine, with a summary at the end. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a local grid and a PostgreSQL (CERTEUS_PG_URL, else Testcontainers, else embedded), "
                + "submit the ledger job, append a legal-case workload, wait until it is chained, anchored and persisted, "
                + "verify it from PostgreSQL alone and check one inclusion proof offline.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--members", paramLabel = "N", description = "Members (default: ${DEFAULT-VALUE}; 8 is the full grid).")
    int members = 3;

    @Option(names = "--events", paramLabel = "N", description = "Events to append (default: ${DEFAULT-VALUE}).")
    long events = 20_000;

    @Option(names = "--cases", paramLabel = "N", description = "Cases the events spread over (default: ${DEFAULT-VALUE}).")
    int cases = 500;

    @Option(names = "--seed", paramLabel = "N", description = "Workload seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--port", paramLabel = "PORT", description = "First member port (default: ${DEFAULT-VALUE}).")
    int port = 5701;

    @Option(names = "--wait-seconds", paramLabel = "S", description = "Longest wait for each phase (default: ${DEFAULT-VALUE}).")
    long waitSeconds = 600;

    @Option(names = "--schema", paramLabel = "SCHEMA", description = "PostgreSQL schema (default: a fresh demo_<timestamp>).")
    String schema;

    @Override
    public Integer call() throws Exception {
        DemoOptions options = new DemoOptions();
        options.members = members;
        options.events = events;
        options.cases = cases;
        options.seed = seed;
        options.waitSeconds = waitSeconds;
        options.schema = schema != null ? schema
                : "demo_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        long startNs = System.nanoTime();
        System.out.printf("certeus demo: resolving PostgreSQL%n");
        try (PostgresHandle postgres = PostgresProvisioner.forThisHost().provision()) {
            System.out.printf("certeus demo: PostgreSQL %s (%s), schema %s; starting %d members%n", postgres.jdbcUrl(),
                    postgres.source(), options.schema, members);
            try (LocalGrid grid = LocalClusterLauncher.start(members, null, "certeus-demo", port, postgres, options.schema)) {
                DemoRunner.Summary summary = new DemoRunner(options, System.out).run(postgres, grid, port);
                printSummary(summary, (System.nanoTime() - startNs) / 1e9);
                return summary.verified && summary.proofValid ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
            }
        }
    }

    private void printSummary(DemoRunner.Summary s, double totalSeconds) {
        System.out.println();
        System.out.println("==================== CERTEUS demo summary ====================");
        System.out.printf("members            %d (1000 partitions = 1000 shards)%n", members);
        System.out.printf("events appended    %,d across %,d cases (+%,d client resends, stored once)%n", s.events, cases,
                s.duplicatesSent);
        System.out.printf("append rate        %,.0f events/s (%.1f s, acknowledged by the grid)%n", s.events / s.appendSeconds,
                s.appendSeconds);
        System.out.printf("chained            %,d events in %.1f s (%,.0f events/s end to end)%n", s.events, s.chainSeconds,
                s.events / s.chainSeconds);
        System.out.printf("persisted          %,d rows in PostgreSQL schema %s, %,d anchors%n", s.persistedRows, s.schema,
                s.anchors);
        System.out.printf("verified           %s%n", s.verified ? "yes, every chain and anchor, from PostgreSQL alone"
                : "NO: " + s.verification);
        System.out.printf("sample proof       %s (eventId %s)%n", s.proofValid ? "valid offline" : "INVALID", s.sampleEventId);
        System.out.printf("total time         %.1f s%n", totalSeconds);
        System.out.println("===============================================================");
        System.out.printf("audit it yourself: certeus verify --schema %s   (with CERTEUS_PG_URL set)%n", s.schema);
    }
}
