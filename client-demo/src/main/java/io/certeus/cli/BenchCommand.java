package io.certeus.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import io.certeus.cli.bench.BacklogSampler;
import io.certeus.cli.bench.BenchMonitor;
import io.certeus.cli.bench.BenchResults;
import io.certeus.cli.bench.BenchSettings;
import io.certeus.cli.bench.ChainedSampler;
import io.certeus.cli.bench.ChartWriter;
import io.certeus.cli.bench.CopyCeiling;
import io.certeus.cli.bench.DecileRates;
import io.certeus.cli.bench.DurableProbe;
import io.certeus.cli.bench.EventIdLog;
import io.certeus.cli.bench.GridProbe;
import io.certeus.cli.bench.LatencyRecorder;
import io.certeus.cli.bench.LedgerCheck;
import io.certeus.cli.bench.OpenLoopLoad;
import io.certeus.cli.bench.PutAllCeiling;
import io.certeus.cli.bench.RateSchedule;
import io.certeus.cli.bench.RefusedAppendRetry;
import io.certeus.cli.bench.StepJudge;
import io.certeus.cli.bench.StepOutcome;
import io.certeus.cli.bench.StepRule;
import io.certeus.cli.bench.StepTallies;
import io.certeus.cli.demo.CaseWorkload;
import io.certeus.cli.json.LedgerJson;
import io.certeus.client.CerteusClient;
import io.certeus.core.MapNames;
import io.certeus.core.retry.Backoff;
import io.certeus.core.retry.Poll;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code certeus bench}: the end-to-end load test, a client in its own JVM against a running grid
 * and its PostgreSQL. Open-loop at a fixed rate or in rising steps until the grid stops keeping up;
 * latency from the intended send time to acknowledged, chained and durable; then every acknowledged
 * event checked in PostgreSQL and the ledger verified; putAll and COPY ceilings in the same run.
 * Writes {@code e2e.json} and {@code e2e.png}. See docs/BENCHMARKS.md.
 *
 * <p>Not thread-safe: picocli fills it and calls {@link #call} once.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "End-to-end load test against a running grid and PostgreSQL: open-loop at --rate, or rising "
                + "steps (the default, one minute) until p99 ack latency passes --slo-ms, refusals pass 1 % or the "
                + "grid falls behind; ack/chained/durable latency, putAll and COPY ceilings, loss/duplicate/fork "
                + "check and offline verification. Writes e2e.json and e2e.png.")
public final class BenchCommand implements Callable<Integer> {
    private static final long SAMPLE_WAIT_MS = 60_000;
    private static final long POLL_MS = 100;
    /** Between looks at the grid or PostgreSQL while waiting. */
    private static final Backoff POLL = Backoff.fixed(POLL_MS);
    /** How often the grid's backlog is read (on its own thread), nanoseconds. */
    private static final long BACKLOG_PROBE_PERIOD_NS = TimeUnit.SECONDS.toNanos(1);

    @Mixin
    GridOptions grid;

    @Mixin
    PostgresOptions postgres;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S", description = "Fixed open-loop rate (default: step mode).")
    long rate;

    @Option(names = "--step", description = "Step mode (the default unless --rate is given).")
    boolean step;

    @Option(names = "--start-rate", paramLabel = "EVENTS_PER_S", description = "Step mode: first rate (default: ${DEFAULT-VALUE}).")
    long startRate = BenchSettings.DEFAULT_START_RATE_PER_S;

    @Option(names = "--rate-step", paramLabel = "EVENTS_PER_S", description = "Step mode: rate added per step (default: ${DEFAULT-VALUE}).")
    long rateStep = BenchSettings.DEFAULT_RATE_STEP_PER_S;

    @Option(names = "--step-seconds", paramLabel = "S", description = "Step length, also the judged window at a fixed rate (default: ${DEFAULT-VALUE}).")
    int stepSeconds = BenchSettings.DEFAULT_STEP_SECONDS;

    @Option(names = "--events", paramLabel = "N", description = "Most events to send (default: no limit; "
            + "at a fixed rate it lifts the default duration).")
    Long events;

    @Option(names = "--duration", paramLabel = "TIME", description = "Longest load, e.g. 60s, 5m (default: 60s; none with --events at a fixed rate).")
    String duration;

    @Option(names = "--warmup", paramLabel = "TIME", description = "Warm-up at the first rate before the measured load; "
            + "its events are checked, their latencies not recorded (default: 5s; 0 for none).")
    String warmup;

    @Option(names = "--slo-ms", paramLabel = "MS", description = "Step SLO on p99 ack latency (default: ${DEFAULT-VALUE}).")
    long sloMs = StepRule.DEFAULT_SLO_MS;

    @Option(names = "--max-refusal-percent", paramLabel = "PCT", description = "Step limit on refused appends (default: ${DEFAULT-VALUE}).")
    double maxRefusalPercent = StepRule.DEFAULT_MAX_REFUSAL_PERCENT;

    @Option(names = "--cases", paramLabel = "N", description = "Cases in the workload (default: ${DEFAULT-VALUE}).")
    int cases = BenchSettings.DEFAULT_CASES;

    @Option(names = "--sample-every", paramLabel = "N", description = "Follow one event in N to chained and durable (default: ${DEFAULT-VALUE}).")
    int sampleEvery = BenchSettings.DEFAULT_SAMPLE_EVERY;

    @Option(names = "--ceilings", paramLabel = "first|last|skip", description = "When the putAll and COPY ceilings run (default: ${DEFAULT-VALUE}).")
    String ceilings = "first";

    @Option(names = "--ceiling-entries", paramLabel = "N", description = "Entries for the putAll ceiling (default: ${DEFAULT-VALUE}).")
    long ceilingEntries = BenchSettings.DEFAULT_CEILING_ENTRIES;

    @Option(names = "--ceiling-rows", paramLabel = "N", description = "Rows for the COPY ceiling (default: ${DEFAULT-VALUE}).")
    int ceilingRows = BenchSettings.DEFAULT_CEILING_ROWS;

    @Option(names = "--drain-timeout", paramLabel = "TIME", description = "Longest wait for every acked event to reach PostgreSQL (default: 600s).")
    String drainTimeout;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Where e2e.json and e2e.png go (default: target/bench).")
    Path outDir = Path.of("target", "bench");

    @Override
    public Integer call() throws Exception {
        BenchSettings settings = settings();
        PrintStream status = System.err;
        BenchResults results = new BenchResults();
        results.settings = settings;
        results.mode = settings.stepMode ? "step" : "fixed-rate";
        results.ceilingsOrder = settings.ceilings.name().toLowerCase(java.util.Locale.ROOT);
        try (CerteusClient certeus = grid.openClient();
             Connection checkConnection = postgres.connect();
             Connection probeConnection = postgres.connect()) {
            GridProbe gridProbe = new GridProbe(certeus.hazelcast());
            LedgerCheck check = new LedgerCheck(checkConnection, settings.schema);
            awaitReady(certeus, check, status);
            results.members = gridProbe.members();
            if (settings.ceilings == BenchSettings.CeilingOrder.FIRST) {
                runCeilings(certeus, checkConnection, settings, results, status);
            }
            long baselineRows = check.ledgerRows();
            runLoad(certeus, probeConnection, check, gridProbe, settings, results, baselineRows, status);
            if (settings.ceilings == BenchSettings.CeilingOrder.LAST) {
                runCeilings(certeus, checkConnection, settings, results, status);
            }
        }
        return report(results, settings.outDir, status);
    }

    private BenchSettings settings() {
        BenchSettings s = new BenchSettings();
        s.schema = postgres.schema();
        s.stepMode = step || rate == 0;
        if (step && rate != 0) {
            throw new IllegalArgumentException("choose one mode: --rate (fixed) or --step: rate=" + rate);
        }
        s.ratePerS = rate;
        s.startRatePerS = startRate;
        s.rateStepPerS = rateStep;
        s.stepSeconds = stepSeconds;
        if (events != null) {
            s.events = events;
        }
        if (duration != null) {
            s.durationMs = BenchSettings.parseDurationMs(duration);
        } else if (events != null && !s.stepMode) {
            s.durationMs = BenchSettings.NO_DURATION_LIMIT_MS;
        }
        if (warmup != null) {
            s.warmupMs = BenchSettings.parseDurationMs(warmup);
        }
        s.sloMs = sloMs;
        s.maxRefusalPercent = maxRefusalPercent;
        s.cases = cases;
        s.sampleEvery = sampleEvery;
        try {
            s.ceilings = BenchSettings.CeilingOrder.valueOf(ceilings.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--ceilings not understood: ceilings=" + ceilings + ", allowed=first,last,skip");
        }
        s.ceilingEntries = ceilingEntries;
        s.ceilingRows = ceilingRows;
        if (drainTimeout != null) {
            s.drainTimeoutMs = BenchSettings.parseDurationMs(drainTimeout);
        }
        s.outDir = outDir;
        return s.validate();
    }

    /** The ledger job runs and the members have created the ledger tables. */
    private void awaitReady(CerteusClient certeus, LedgerCheck check, PrintStream status) throws Exception {
        status.println("bench: waiting for the ledger job and the ledger tables");
        Poll.until("ledger job " + MapNames.LEDGER_JOB + " running (is certeus.pipeline.autostart off? "
                + "then run certeus submit)", POLL, grid.timeoutMs, () -> {
                    Job job = certeus.hazelcast().getJet().getJob(MapNames.LEDGER_JOB);
                    return job != null && job.getStatus() == JobStatus.RUNNING;
                });
        Poll.until("table ledger_entry in schema " + postgres.schema(), POLL, grid.timeoutMs, check::ledgerTableExists);
    }

    private static void runCeilings(CerteusClient certeus, Connection connection, BenchSettings settings, BenchResults results,
            PrintStream status) throws Exception {
        status.printf("bench: ceilings (%s, not during the load): COPY of %d ledger rows, putAll of %d entries%n",
                results.ceilingsOrder, settings.ceilingRows, settings.ceilingEntries);
        CopyCeiling.Result copy = CopyCeiling.measure(connection, settings.schema, settings.ceilingRows, settings.cases);
        results.copyCeilingRowsPerS = copy.rowsPerS;
        results.ceilingValueBytes = copy.meanRowBytes;
        results.putAllCeilingPerS = PutAllCeiling.measure(certeus.hazelcast(), settings.ceilingEntries, copy.meanRowBytes);
        status.printf("bench: ceilings: copy_rows_per_s=%.0f putall_per_s=%.0f value_bytes=%d%n", results.copyCeilingRowsPerS,
                results.putAllCeilingPerS, results.ceilingValueBytes);
    }

    private static void runLoad(CerteusClient certeus, Connection probeConnection, LedgerCheck check, GridProbe gridProbe,
            BenchSettings settings, BenchResults results, long baselineRows, PrintStream status) throws Exception {
        LatencyRecorder ack = new LatencyRecorder("ack");
        LatencyRecorder chained = new LatencyRecorder("chained");
        LatencyRecorder durable = new LatencyRecorder("durable");
        LatencyRecorder postgresAck = new LatencyRecorder("postgres_ack");
        EventIdLog ids = new EventIdLog();
        RateSchedule plan = new RateSchedule(settings.firstRatePerS(), settings.planRateStepPerS(),
                TimeUnit.SECONDS.toNanos(settings.stepSeconds));
        try (DurableProbe durableProbe = new DurableProbe(probeConnection, settings.schema, durable, settings.durablePollMs)) {
            RefusedAppendRetry appender = new RefusedAppendRetry(certeus, settings.capacityWaitMs);
            ChainedSampler sampler = new ChainedSampler(certeus, chained, durableProbe, postgresAck, settings.sampleEvery,
                    settings.maxOutstandingSamples);
            CaseWorkload workload = new CaseWorkload(settings.cases, settings.seed, Instant.now().minus(Duration.ofDays(1)));
            StepTallies steps = new StepTallies();
            OpenLoopLoad load = new OpenLoopLoad(plan, workload, appender, ids, ack, sampler, steps);
            status.printf("bench: load (%s): rate=%d events/s%s, warm-up %d ms, duration %s, events %s%n", results.mode,
                    settings.firstRatePerS(), settings.stepMode ? " +" + settings.rateStepPerS + " every " + settings.stepSeconds + "s" : "",
                    settings.warmupMs, settings.durationMs == BenchSettings.NO_DURATION_LIMIT_MS ? "unlimited" : settings.durationMs + " ms",
                    settings.events == Long.MAX_VALUE ? "unlimited" : String.valueOf(settings.events));
            durableProbe.start();
            long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_MS);
            long measuredStartNs = startNs + TimeUnit.MILLISECONDS.toNanos(settings.warmupMs);
            long durationNs = TimeUnit.MILLISECONDS.toNanos(settings.durationMs);
            RateSchedule judged = new RateSchedule(settings.firstRatePerS(), settings.planRateStepPerS(),
                    TimeUnit.SECONDS.toNanos(settings.stepSeconds));
            StepJudge judge = new StepJudge(judged, new StepRule(settings.sloMs, settings.maxRefusalPercent), settings.stepMode,
                    measuredStartNs, durationNs, steps, load::requestStop);
            BenchMonitor.Counters counters = new BenchMonitor.Counters() {
                @Override
                public long sent() {
                    return load.sent();
                }

                @Override
                public long acked() {
                    return load.acked();
                }

                @Override
                public long refusals() {
                    return appender.refusals();
                }

                @Override
                public long chainedSamples() {
                    return sampler.completed();
                }

                @Override
                public long durableSamples() {
                    return durableProbe.completed();
                }
            };
            BacklogSampler backlog = new BacklogSampler(gridProbe, System::nanoTime, BACKLOG_PROBE_PERIOD_NS);
            BenchMonitor monitor = new BenchMonitor(counters, ack, chained, durable, backlog, judge, settings.sampleEvery,
                    status, System::nanoTime);
            try {
                results.stopReason = load.warmUp(startNs, measuredStartNs - startNs, settings.firstRatePerS(), settings.events);
                backlog.start();
                monitor.start();
                if (results.stopReason == null) {
                    results.stopReason = load.run(measuredStartNs, settings.events, durationNs);
                }
                monitor.loadEnded();
                long loadEndNs = System.nanoTime();
                status.println("bench: load stopped: " + results.stopReason + "; waiting for acknowledgements");
                Poll.until("every append answered: unanswered=" + load.unanswered(), Backoff.fixed(10), settings.drainTimeoutMs,
                        () -> load.unanswered() == 0);
                results.loadSeconds = (loadEndNs - startNs) / 1e9;
                results.events = load.sent();
                results.acked = load.acked();
                results.failedAppends = load.failed();
                if (load.firstFailure() != null) {
                    status.println("bench: appends failed: failed=" + load.failed() + ", first=" + load.firstFailure());
                }
                status.println("bench: waiting until every acknowledged event is in PostgreSQL: acked=" + results.acked);
                long allDurableNs;
                try {
                    Poll.until("acknowledged events in PostgreSQL: acked=" + results.acked, POLL, settings.drainTimeoutMs,
                            () -> check.ledgerRows() - baselineRows >= results.acked);
                    allDurableNs = System.nanoTime();
                } catch (TimeoutException e) {
                    status.println("bench: " + e.getMessage());
                    allDurableNs = System.nanoTime();
                }
                Poll.until("sampled receipts answered", POLL, SAMPLE_WAIT_MS, () -> sampler.outstanding() == 0);
                Poll.until("sampled POSTGRES acknowledgements answered", POLL, SAMPLE_WAIT_MS,
                        () -> sampler.postgresAcksOutstanding() == 0);
                durableProbe.finish();
                results.e2eSeconds = (allDurableNs - startNs) / 1e9;
                results.e2eEventsPerS = results.acked / results.e2eSeconds;
                results.ackedEventsPerS = results.acked / results.loadSeconds;
                long[] doneNs = durableProbe.sampleDurableNs();
                for (int i = 0; i < doneNs.length; i++) {
                    doneNs[i] -= startNs;
                }
                double[] deciles = DecileRates.compute(results.acked, durableProbe.sampleIndexes(), doneNs, allDurableNs - startNs);
                results.firstDecileEventsPerS = deciles[0];
                results.lastDecileEventsPerS = deciles[1];
            } finally {
                try {
                    monitor.close();
                } finally {
                    backlog.close();
                }
            }
            results.refusals = appender.refusals();
            results.ack = ack.total();
            results.chained = chained.total();
            results.durable = durable.total();
            postgresAck.drainInterval(); // not shown per second by the monitor: drained once, here
            results.postgresAck = postgresAck.total();
            results.postgresAckFailed = sampler.postgresAckFailed();
            if (sampler.firstPostgresAckFailure() != null) {
                status.println("bench: a POSTGRES acknowledgement failed: " + sampler.firstPostgresAckFailure());
            }
            results.chainedSamples = sampler.completed();
            results.chainedSamplesSkipped = sampler.skipped();
            results.chainedSamplesFailed = sampler.failed();
            results.durableSamples = durableProbe.completed();
            results.steps = monitor.steps();
            judge(settings, results);
            status.println("bench: checking PostgreSQL against the acknowledged events and verifying the ledger");
            LedgerCheck.Findings findings = check.run(ids, results.events);
            results.lost = findings.lost;
            results.duplicated = findings.duplicated;
            results.forks = findings.forks;
            results.verified = findings.verified;
            results.verification = findings.verification;
            ChartWriter.write(settings.outDir.resolve("e2e.png"), "certeus bench: " + results.members + " member(s), "
                    + results.mode + ", " + results.events + " events", monitor.samples());
        }
    }

    /** Step mode: the highest step passed before the first failure. Fixed rate: the rate if every window passed. */
    private static void judge(BenchSettings settings, BenchResults results) {
        List<StepOutcome> steps = results.steps;
        boolean anyFailed = steps.stream().anyMatch(s -> !s.passed());
        if (settings.stepMode) {
            results.maxSustainableEventsPerS = BenchResults.maxSustainable(steps);
        } else {
            results.maxSustainableEventsPerS = steps.isEmpty() || anyFailed ? null : settings.ratePerS;
        }
        results.maxSustainableIsLowerBound = !anyFailed;
    }

    private static int report(BenchResults results, Path outDir, PrintStream status) throws Exception {
        LedgerJson json = new LedgerJson();
        ObjectNode node = results.toJson(json.mapper());
        String text = json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("e2e.json"), text + "\n");
        System.out.println(text);
        status.println("bench: wrote " + outDir.resolve("e2e.json") + " and " + outDir.resolve("e2e.png"));
        boolean intact = results.lost == 0 && results.duplicated == 0 && results.forks == 0 && results.verified;
        if (!intact) {
            status.printf("bench: LEDGER CHECK FAILED: lost=%d duplicated=%d forks=%d verified=%s%n", results.lost,
                    results.duplicated, results.forks, results.verified);
            return ExitCodes.VERIFICATION_FAILED;
        }
        return ExitCodes.OK;
    }
}
