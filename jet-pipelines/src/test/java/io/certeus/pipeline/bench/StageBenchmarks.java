package io.certeus.pipeline.bench;

import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.IngestLanes;
import io.certeus.core.shard.Shards;
import io.certeus.core.validation.EventValidator;
import io.certeus.core.validation.Violation;
import io.certeus.pipeline.stage.ChainState;
import io.certeus.pipeline.stage.DedupeWindow;
import io.certeus.pipeline.stage.ValidateStage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * CPU time and allocation per event of the validate, dedupe and chain stage functions (no Jet
 * around them). Run: {@code ./mvnw -B -o -pl jet-pipelines -Pbench test-compile exec:exec}; writes
 * {@code target/bench/stages.json}.
 *
 * <p>Not thread-safe: JMH state is per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx1g", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class StageBenchmarks {
    private static final int EVENTS = 4096;

    private final EventValidator validator = new EventValidator();
    private final LedgerHasher hasher = new LedgerHasher();
    private Event[] events;
    private int[] lanes;
    private UUID[] freshIds;
    private DedupeWindow window;
    private ChainState chain;
    private int next;
    private long nowMicros;

    @Setup(Level.Trial)
    public void setUp() {
        events = new Event[EVENTS];
        lanes = new int[EVENTS];
        freshIds = new UUID[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            byte[] payload = ("{\"bundle\":\"b-" + i + "\",\"pages\":" + (i % 90) + ",\"note\":\"filed by clerk on behalf of counsel\"}")
                    .getBytes(StandardCharsets.UTF_8);
            UUID id = new UUID(0x0190_0000_0000_7000L | i, 0x8000_0000_0000_0000L | (i * 31L));
            events[i] = new Event(id, "CAS-" + String.format("%06d", i % 500), "BUNDLE_SUBMITTED", "clerk-" + (i % 17),
                    "10.1.2.3", null, payload, 1_700_000_000_000_000L + i, 1_700_000_000_100_000L + i);
            lanes[i] = IngestLanes.laneOf(Shards.shardOf(events[i].caseId()));
            freshIds[i] = UUID.randomUUID();
        }
        window = new DedupeWindow(300_000_000L, 2048);
        chain = new ChainState();
        nowMicros = 1_700_000_000_000_000L;
        for (int i = 0; i < 4096; i++) {
            window.admit(new UUID(i, -i), i, nowMicros++);
        }
    }

    @Benchmark
    public Violation validate() {
        int i = next++ & (EVENTS - 1);
        return ValidateStage.check(validator, lanes[i], events[i]);
    }

    /** Steady state: a full window; each new id evicts the oldest. Ids are pre-made, as they arrive in events. */
    @Benchmark
    public DedupeWindow.Admission dedupe() {
        int i = next++ & (EVENTS - 1);
        UUID id = freshIds[i];
        return window.admit(id, i, nowMicros++);
    }

    @Benchmark
    public LedgerEntry chain() {
        int i = next++ & (EVENTS - 1);
        return chain.append(7, events[i], hasher);
    }

    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder()
                .include(StageBenchmarks.class.getName())
                .addProfiler(GCProfiler.class)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double validate = Double.NaN;
        double dedupe = Double.NaN;
        double chainNs = Double.NaN;
        double allocValidate = 0;
        double allocDedupe = 0;
        double allocChain = 0;
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            double score = result.getPrimaryResult().getScore();
            Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
            double bytes = alloc == null ? Double.NaN : alloc.getScore();
            if (name.endsWith(".validate")) {
                validate = score;
                allocValidate = bytes;
            } else if (name.endsWith(".dedupe")) {
                dedupe = score;
                allocDedupe = bytes;
            } else if (name.endsWith(".chain")) {
                chainNs = score;
                allocChain = bytes;
            }
        }
        String json = String.format(Locale.ROOT,
                "{\n  \"validate_ns\": %.1f,\n  \"dedupe_ns\": %.1f,\n  \"chain_ns\": %.1f,\n  \"alloc_bytes_per_event\": %.1f,\n"
                        + "  \"alloc_bytes_validate\": %.1f,\n  \"alloc_bytes_dedupe\": %.1f,\n  \"alloc_bytes_chain\": %.1f\n}\n",
                validate, dedupe, chainNs, allocValidate + allocDedupe + allocChain, allocValidate, allocDedupe, allocChain);
        Path out = Path.of("target", "bench", "stages.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json);
        System.out.println("certeus bench: wrote " + out.toAbsolutePath() + "\n" + json);
    }
}
