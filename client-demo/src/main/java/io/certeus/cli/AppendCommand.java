package io.certeus.cli;

import io.certeus.cli.json.EventFileReader;
import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;
import io.certeus.client.RefusalListener;
import io.certeus.core.model.Event;
import io.certeus.core.model.Receipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code certeus append}: JSON lines from a file or stdin, read as raw bytes. Every invalid line is
 * reported with its physical line number and reason (docs/INPUT.md); the valid ones are appended;
 * the exit code says whether any line was refused.
 *
 * <p>Not thread-safe: filled by picocli, run once.
 */
@Command(name = "append", mixinStandardHelpOptions = true,
        description = "Append events given as JSON lines (a file, or stdin when FILE is '-' or absent). One object per line: "
                + "{\"eventId\"?, \"caseId\", \"type\", \"actor\", \"sourceIp\"?, \"documentHash\"? (hex), \"payload\": {...}, "
                + "\"occurredAt\"? (ISO-8601)}. Input rules, report format and exit codes: docs/INPUT.md.")
public final class AppendCommand implements Callable<Integer> {
    @Mixin
    GridOptions grid;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "JSON lines file ('-' for stdin).")
    String file = "-";

    @Option(names = "--strict", description = "Append nothing when any line is invalid.")
    boolean strict;

    @Option(names = "--print-ids", description = "Print 'eventId caseId LEVEL' for every acknowledged event (LEVEL: GRID, "
            + "or POSTGRES with its receipt under --durable), even when others fail.")
    boolean printIds;

    @Option(names = "--durable", description = "Wait until each acknowledged event is committed in PostgreSQL "
            + "(--durable-timeout-ms) and print its receipt: 'eventId caseId POSTGRES shard=.. position=.. hash=..'.")
    boolean durable;

    @Option(names = "--durable-timeout-ms", paramLabel = "MS", description = "Longest wait for PostgreSQL per event "
            + "(default: ${DEFAULT-VALUE}).")
    long durableTimeoutMs = ClientSettings.DEFAULT_DURABLE_TIMEOUT_MS;

    @Override
    public Integer call() throws Exception {
        List<Event> events = new ArrayList<>();
        AppendReport report = new AppendReport(System.out, System.err, printIds || durable);
        Duration timeout = Duration.ofMillis(grid.timeoutMs);
        long invalid = 0;
        List<CompletableFuture<Void>> acknowledged = new ArrayList<>();
        if (strict) {
            invalid = readEvents(events::add, System.err);
            if (invalid > 0) {
                System.err.printf("certeus: %d invalid line(s); nothing appended (--strict)%n", invalid);
                return ExitCodes.INVALID_INPUT;
            }
        }
        try (CerteusClient certeus = grid.openClient(ClientSettings.builder().durableTimeoutMs(durableTimeoutMs))) {
            // Refused events (backpressure) are resent until --timeout-ms; resending is safe, an eventId is stored once.
            if (strict) {
                acknowledged.addAll(certeus.appendEachWaitingForCapacity(events, timeout, RefusalListener.NONE));
            } else {
                // Each line is sent as soon as it is read, so a stream (a pipe, `tail -f`) is appended as it comes.
                invalid = readEvents(event -> {
                    events.add(event);
                    acknowledged.add(certeus.appendEachWaitingForCapacity(List.of(event), timeout, RefusalListener.NONE).get(0));
                }, System.err);
            }
            List<CompletableFuture<Receipt>> durableReceipts = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                UUID eventId = events.get(i).eventId();
                durableReceipts.add(durable ? acknowledged.get(i).thenCompose(stored -> certeus.awaitDurable(eventId)) : null);
            }
            for (int i = 0; i < events.size(); i++) {
                report.event(events.get(i), acknowledged.get(i), durableReceipts.get(i));
            }
        }
        return report.finish(invalid);
    }

    /**
     * Reads and validates every line, handing each valid event to {@code valid} as it is read and
     * reporting each refused one on {@code errors}; returns how many were refused.
     */
    long readEvents(Consumer<Event> valid, PrintStream errors) throws IOException {
        EventFileReader reader = new EventFileReader();
        boolean stdin = "-".equals(file);
        // Lines without occurredAt get the file's modification time (stdin: now), so an unchanged file sent
        // again gives the same events (and derived ids): a retried append stores nothing twice.
        Instant defaultOccurredAt = stdin ? Instant.now() : Files.getLastModifiedTime(Path.of(file)).toInstant();
        try (InputStream in = stdin ? System.in : Files.newInputStream(Path.of(file))) {
            return reader.read(in, defaultOccurredAt, valid, refusal -> errors.println(refusal.describe()));
        }
    }
}
