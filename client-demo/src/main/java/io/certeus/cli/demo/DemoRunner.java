package io.certeus.cli.demo;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientClasspathYamlConfig;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.certeus.cli.audit.LedgerAudit;
import io.certeus.cli.audit.PostgresLedgerReader;
import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;
import io.certeus.core.MapNames;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.proof.InclusionProof;
import io.certeus.core.retry.Backoff;
import io.certeus.core.retry.Poll;
import io.certeus.core.settings.SettingsSource;
import io.certeus.core.verify.ProofVerifier;
import io.certeus.member.bootstrap.LocalGrid;
import io.certeus.member.bootstrap.MemberConfigs;
import io.certeus.pipeline.LedgerJobs;
import io.certeus.pipeline.PipelineSettings;
import io.certeus.postgres.provision.PostgresHandle;
import io.certeus.postgres.schema.LedgerTables;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The demo, end to end: a local grid on a resolved PostgreSQL, the ledger job, a legal-case
 * workload appended through the Java client, then the proof that it all worked: every event
 * chained, persisted, verified from PostgreSQL alone, and one inclusion proof checked offline.
 *
 * <p>Not thread-safe: one run per instance.
 */
public final class DemoRunner {
    /** Events per appendWaitingForCapacity call; two calls are in flight at most. */
    private static final int CHUNK_EVENTS = 20_000;
    /** Between looks at the grid or PostgreSQL while waiting for progress. */
    private static final Backoff PROGRESS_POLL = Backoff.fixed(100);

    private final DemoOptions options;
    private final PrintStream out;

    public DemoRunner(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** What a run measured; {@link #verified} false means the ledger did not verify. */
    public static final class Summary {
        public long events;
        public long duplicatesSent;
        public double appendSeconds;
        public double chainSeconds;
        public long persistedRows;
        public long anchors;
        public boolean verified;
        public String verification;
        public String sampleEventId;
        public boolean proofValid;
        public String schema;
    }

    public Summary run(PostgresHandle postgres, LocalGrid grid, int port) throws Exception {
        Summary summary = new Summary();
        summary.schema = options.schema;
        HazelcastInstance member = grid.anyMember();
        step("submitting the ledger job");
        LedgerJobs.startIfAbsent(member, PipelineSettings.from(SettingsSource.of(member.getConfig().getProperties())));

        ClientConfig clientConfig = new ClientClasspathYamlConfig(MemberConfigs.CLASSPATH_CLIENT_YAML);
        clientConfig.setClusterName(member.getConfig().getClusterName());
        clientConfig.getNetworkConfig().setAddresses(List.of("127.0.0.1:" + port));
        HazelcastInstance client = HazelcastClient.newHazelcastClient(clientConfig);
        try (CerteusClient certeus = CerteusClient.using(client, ClientSettings.builder().admitWaitMs(1_000).build())) {
            appendWorkload(certeus, summary);
            waitForChaining(certeus, summary);
            waitForPersistence(grid, postgres, summary);
            verifyFromPostgres(postgres, summary);
            proveOneEvent(certeus, postgres, summary);
        } finally {
            client.shutdown();
        }
        return summary;
    }

    private void appendWorkload(CerteusClient certeus, Summary summary) {
        step(String.format("appending %,d events across %,d cases", options.events, options.cases));
        CaseWorkload workload = new CaseWorkload(options.cases, options.seed, Instant.now().minus(Duration.ofDays(1)));
        Duration capacityWait = Duration.ofSeconds(options.waitSeconds);
        long startNs = System.nanoTime();
        try (ProgressBar bar = progress("append", options.events)) {
            CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
            List<Event> chunk = new ArrayList<>();
            int chunkEvents = 0;
            for (long i = 0; i < options.events; i++) {
                Event event = workload.next();
                if (i == options.events / 2) {
                    summary.sampleEventId = event.eventId().toString();
                }
                chunk.add(event);
                chunkEvents++;
                if (i % 50 == 0) {
                    chunk.add(event); // a client that resends after a timeout: the pipeline must store the event once
                    summary.duplicatesSent++;
                }
                if (chunkEvents == CHUNK_EVENTS || i == options.events - 1) {
                    // backpressure is expected at full speed: the client resends what is refused
                    int stored = chunkEvents;
                    CompletableFuture<Void> sent = certeus.appendWaitingForCapacity(chunk, capacityWait)
                            .thenRun(() -> bar.stepBy(stored));
                    previous.join(); // at most two chunks in flight
                    previous = sent;
                    chunk = new ArrayList<>();
                    chunkEvents = 0;
                }
            }
            previous.join();
        }
        summary.events = options.events;
        summary.appendSeconds = (System.nanoTime() - startNs) / 1e9;
    }

    private void waitForChaining(CerteusClient certeus, Summary summary) {
        step("waiting for the pipeline to chain and anchor every event");
        long startNs = System.nanoTime();
        awaitCount("chain", options.events, () -> certeus.hazelcast().getMap(MapNames.LEDGER).size());
        summary.chainSeconds = (System.nanoTime() - startNs) / 1e9 + summary.appendSeconds;
        awaitCount("anchor", options.events, () -> {
            Anchor newest = certeus.latestAnchor();
            return newest == null ? 0 : java.util.Arrays.stream(newest.shardSizes()).sum();
        });
    }

    private void waitForPersistence(LocalGrid grid, PostgresHandle postgres, Summary summary) throws SQLException {
        step("flushing write-behind and waiting for PostgreSQL");
        grid.flush();
        try (Connection connection = connect(postgres)) {
            String table = new LedgerTables(options.schema).qualified(LedgerTables.LEDGER_ENTRY);
            awaitCount("persist", options.events, () -> count(connection, table));
            summary.persistedRows = count(connection, table);
        }
    }

    private void verifyFromPostgres(PostgresHandle postgres, Summary summary) throws SQLException {
        step("verifying every chain and anchor from PostgreSQL alone");
        try (Connection connection = connect(postgres)) {
            LedgerAudit.Report report = new LedgerAudit().run(connection, options.schema);
            summary.anchors = report.anchors();
            summary.verified = report.intact();
            summary.verification = report.describe();
        }
    }

    /** The proof comes from the grid; its anchor is pinned to the one just audited in PostgreSQL. */
    private void proveOneEvent(CerteusClient certeus, PostgresHandle postgres, Summary summary) throws SQLException {
        step("building and checking one inclusion proof offline");
        InclusionProof proof = certeus.proof(java.util.UUID.fromString(summary.sampleEventId));
        byte[] trustedAnchorHash;
        try (Connection connection = connect(postgres)) {
            trustedAnchorHash = new PostgresLedgerReader(connection, options.schema).anchors().stream()
                    .filter(anchor -> anchor.sequence() == proof.anchorSequence())
                    .map(Anchor::anchorHash).findFirst().orElse(new byte[Hashes.HASH_BYTES]);
        }
        ProofVerifier.Result result = new ProofVerifier().verifyAgainst(proof, trustedAnchorHash);
        summary.proofValid = result.anchored();
        out.printf("  proof: eventId=%s shard=%d position=%d anchor=%d anchorHash=%s -> %s%n", summary.sampleEventId,
                proof.entry().shard(), proof.entry().position(), proof.anchorSequence(), Hashes.hex(proof.anchorHash()),
                result);
    }

    private void awaitCount(String task, long target, LongSupplier current) {
        try (ProgressBar bar = progress(task, target)) {
            Poll.until(task, PROGRESS_POLL, TimeUnit.SECONDS.toMillis(options.waitSeconds), () -> {
                long value = current.getAsLong();
                bar.stepTo(Math.min(value, target));
                return value >= target;
            });
        } catch (TimeoutException e) {
            throw new IllegalStateException("demo: " + task + " did not finish in time: done=" + current.getAsLong()
                    + ", expected=" + target + ", waitSeconds=" + options.waitSeconds, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("demo interrupted", e);
        }
    }

    private static long count(Connection connection, String table) {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return 0; // the table appears once the first member has migrated the schema
        }
    }

    private static Connection connect(PostgresHandle postgres) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", postgres.user());
        if (postgres.password() != null) {
            properties.setProperty("password", postgres.password());
        }
        return DriverManager.getConnection(postgres.jdbcUrl(), properties);
    }

    private ProgressBar progress(String task, long max) {
        return new ProgressBarBuilder().setTaskName(String.format("%-8s", task)).setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
                .showSpeed().setUpdateIntervalMillis(250).build();
    }

    private void step(String what) {
        out.println("certeus demo: " + what);
    }
}
