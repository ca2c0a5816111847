package io.certeus.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certeus.cli.demo.CaseWorkload;
import io.certeus.cli.json.LedgerJson;
import io.certeus.client.BackpressureException;
import io.certeus.client.CerteusClient;
import io.certeus.core.model.Event;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/** {@code certeus bench}: an append load test against a running grid, with latency percentiles. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Append a legal-case workload as fast as the grid accepts it; print throughput, "
                + "acknowledgement latency percentiles and backpressure refusals, and write them as JSON.")
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    GridOptions grid;

    @Option(names = "--events", paramLabel = "N", description = "Events to append (default: ${DEFAULT-VALUE}).")
    long events = 100_000;

    @Option(names = "--cases", paramLabel = "N", description = "Cases (default: ${DEFAULT-VALUE}).")
    int cases = 5_000;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Results file (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("target", "bench", "append.json");

    @Override
    public Integer call() throws Exception {
        Histogram latencyUs = new Histogram(60_000_000L, 3);
        AtomicLong refusals = new AtomicLong();
        CaseWorkload workload = new CaseWorkload(cases, 7, Instant.now());
        long startNs = System.nanoTime();
        try (CerteusClient certeus = grid.openClient()) {
            CompletableFuture<?>[] window = new CompletableFuture<?>[10_000];
            for (long i = 0; i < events; i++) {
                Event event = workload.next();
                long sentNs = System.nanoTime();
                CompletableFuture<Void> sent = certeus.append(event);
                while (sent.isCompletedExceptionally() && isBackpressure(sent)) {
                    refusals.incrementAndGet();
                    Thread.onSpinWait();
                    sent = certeus.append(event);
                }
                int slot = (int) (i % window.length);
                if (window[slot] != null) {
                    window[slot].join();
                }
                window[slot] = sent.thenRun(() -> {
                    synchronized (latencyUs) {
                        latencyUs.recordValue(Math.max(1, (System.nanoTime() - sentNs) / 1_000));
                    }
                });
            }
            for (CompletableFuture<?> f : window) {
                if (f != null) {
                    f.join();
                }
            }
        }
        double seconds = (System.nanoTime() - startNs) / 1e9;
        LedgerJson json = new LedgerJson();
        ObjectNode result = json.mapper().createObjectNode();
        result.put("events", events);
        result.put("seconds", seconds);
        result.put("append_events_per_s", events / seconds);
        result.put("ack_latency_p50_us", latencyUs.getValueAtPercentile(50));
        result.put("ack_latency_p99_us", latencyUs.getValueAtPercentile(99));
        result.put("ack_latency_max_us", latencyUs.getMaxValue());
        result.put("backpressure_refusals", refusals.get());
        String text = json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result);
        System.out.println(text);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, text + "\n");
        return ExitCodes.OK;
    }

    private static boolean isBackpressure(CompletableFuture<Void> sent) {
        try {
            sent.join();
            return false;
        } catch (CompletionException e) {
            return e.getCause() instanceof BackpressureException;
        }
    }
}
