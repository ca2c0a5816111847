package io.certeus.cli;

import com.hazelcast.client.config.ClientClasspathYamlConfig;
import com.hazelcast.client.config.ClientConfig;
import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;
import io.certeus.client.EventBuilder;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventType;
import io.certeus.member.bootstrap.MemberConfigs;
import io.certeus.testing.Await;
import io.certeus.testing.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault campaign's kill-all-durable scenario, short form: a 2-member grid in a process of its
 * own; events appended with {@code --durable}; then, with more events in flight, kill -9 of the
 * process (every member at once). Every event reported durable must be in PostgreSQL with the
 * reported hash, and after a restart the grid continues every chain and the ledger verifies.
 */
@Timeout(600)
class KillAllDurableIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private static final int PORT = 5851;
    private static final int DURABLE_EVENTS = 1_500;
    private static final int IN_FLIGHT_EVENTS = 3_000;

    @TempDir
    Path dir;
    private final String clusterName = "kill-all-" + UUID.randomUUID().toString().substring(0, 8);
    private Process grid;

    @AfterEach
    void killGrid() throws InterruptedException {
        if (grid != null && grid.isAlive()) {
            grid.destroyForcibly().waitFor();
        }
    }

    /** Starts {@code certeus cluster start} in a new JVM (this test's classpath and flags) and waits until its members run. */
    private Process startGrid(String logName) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!argument.startsWith("-javaagent") && !argument.startsWith("-agentlib")) {
                command.add(argument); // the module flags Hazelcast and Agrona need, the heap size
            }
        }
        command.add("-Dcerteus.log.file=" + dir.resolve(logName + ".file"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CerteusCli.class.getName(), "cluster", "start",
                "--members", "2", "--port", String.valueOf(PORT), "--cluster-name", clusterName, "--schema", PG.schema()));
        Path log = dir.resolve(logName);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("CERTEUS_PG_URL", PG.jdbcUrl());
        environment.put("CERTEUS_PG_USER", PG.user());
        if (PG.password() != null) {
            environment.put("CERTEUS_PG_PASSWORD", PG.password());
        }
        Process started = builder.start();
        Await.until("grid process running its members", Duration.ofSeconds(180),
                () -> !started.isAlive() || Files.readString(log).contains("members running"),
                () -> tail(log));
        assertThat(started.isAlive()).as("grid process: %s", tail(log)).isTrue();
        return started;
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 4_000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private String[] gridArgs() {
        return new String[] {"--cluster-name", clusterName, "--address", "127.0.0.1:" + PORT, "--timeout-ms", "120000"};
    }

    private Path eventsFile(String name, int count, String casePrefix) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("{\"caseId\":\"" + casePrefix + "-" + String.format("%06d", i % 400) + "\",\"type\":\"CASE_UPDATED\","
                    + "\"actor\":\"clerk\",\"payload\":{\"i\":" + i + "},\"occurredAt\":\"2026-11-29T08:00:00Z\"}");
        }
        return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    }

    private ClientConfig clientConfig() {
        ClientConfig config = new ClientClasspathYamlConfig(MemberConfigs.CLASSPATH_CLIENT_YAML);
        config.setClusterName(clusterName);
        config.getNetworkConfig().setAddresses(List.of("127.0.0.1:" + PORT));
        return config;
    }

    @Test
    void nothingReportedDurableIsLostWhenEveryMemberDiesAndTheLedgerVerifiesAfterRestart() throws Exception {
        grid = startGrid("grid-1.log");
        CliRun durable = CliRun.run(gridArgs(), "append", eventsFile("durable.jsonl", DURABLE_EVENTS, "KAD").toString(),
                "--durable");
        assertThat(durable.exitCode).as(durable.err).isEqualTo(ExitCodes.OK);
        List<String[]> receipts = durable.out.lines().map(line -> line.split(" ")).toList();
        // A quiet terminal: the grid process prints what `cluster start` reports, its logs go to the file.
        assertThat(Files.readString(dir.resolve("grid-1.log"))).as("grid terminal").doesNotContain(" INFO ").doesNotContain(" WARN ").doesNotContain("ERROR")
                .contains("members running");
        assertThat(Files.readString(dir.resolve("grid-1.log.file"))).as("grid log file").contains(" INFO ");
        assertThat(receipts).hasSize(DURABLE_EVENTS).allSatisfy(fields -> assertThat(fields[2]).isEqualTo("POSTGRES"));

        // More events on their way (acknowledged by the grid or not), then every member dies at once.
        try (CerteusClient certeus = CerteusClient.connect(clientConfig(), ClientSettings.defaults())) {
            List<Event> inFlight = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT_EVENTS; i++) {
                inFlight.add(EventBuilder.event("KAF-" + String.format("%06d", i % 400), EventType.CASE_UPDATED)
                        .actor("clerk").payload("{\"i\":" + i + "}").build());
            }
            certeus.appendAll(inFlight).get(120, java.util.concurrent.TimeUnit.SECONDS);
            grid.destroyForcibly().waitFor(); // SIGKILL: no flush, no graceful shutdown
        }

        for (String[] receipt : receipts) {
            long rows = PG.queryLong("SELECT count(*) FROM ledger_entry WHERE event_id = '" + receipt[0] + "' AND "
                    + receipt[3].replace("shard=", "shard = ") + " AND " + receipt[4].replace("position=", "position = ")
                    + " AND hash = '\\x" + receipt[5].substring("hash=".length()) + "'");
            assertThat(rows).as("durable event %s in PostgreSQL as reported", receipt[0]).isEqualTo(1);
        }
        CliRun afterCrash = CliRun.run(new String[0], "verify", "--pg-url", PG.jdbcUrl(), "--pg-user", PG.user(),
                "--schema", PG.schema());
        assertThat(afterCrash.exitCode).as("PostgreSQL alone, right after the crash: %s %s", afterCrash.out, afterCrash.err)
                .isEqualTo(ExitCodes.OK);

        grid = startGrid("grid-2.log");
        CliRun more = CliRun.run(gridArgs(), "append", eventsFile("after.jsonl", 300, "KAR").toString(), "--durable");
        assertThat(more.exitCode).as(more.err).isEqualTo(ExitCodes.OK);
        Await.until("an anchor in PostgreSQL, so verify checks anchors too", Duration.ofSeconds(120),
                () -> PG.queryLong("SELECT count(*) FROM anchor") > 0);
        CliRun verify = CliRun.run(new String[0], "verify", "--pg-url", PG.jdbcUrl(), "--pg-user", PG.user(),
                "--schema", PG.schema());
        assertThat(verify.exitCode).as("after the restart: %s %s", verify.out, verify.err).isEqualTo(ExitCodes.OK);
    }
}
