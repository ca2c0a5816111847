package io.certeus.cli;

import io.certeus.cli.json.EventFileReader;
import io.certeus.client.CerteusClient;
import io.certeus.client.CerteusClientException;
import io.certeus.core.model.Event;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

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

    @Option(names = "--print-ids", description = "Print 'eventId caseId' for every appended event.")
    boolean printIds;

    @Override
    public Integer call() throws Exception {
        List<Event> events = new ArrayList<>();
        long invalid = readEvents(events, System.err);
        if (invalid > 0 && strict) {
            System.err.printf("certeus: %d invalid line(s); nothing appended (--strict)%n", invalid);
            return ExitCodes.INVALID_INPUT;
        }
        try (CerteusClient certeus = grid.openClient()) {
            // refused events (backpressure) are resent until --timeout-ms; resending is safe, an eventId is stored once
            certeus.appendWaitingForCapacity(events, Duration.ofMillis(grid.timeoutMs)).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            System.err.println("certeus: append failed: " + cause.getMessage());
            boolean retryable = cause instanceof CerteusClientException && ((CerteusClientException) cause).isRetryable();
            return retryable ? ExitCodes.RETRYABLE_FAILURE : ExitCodes.FAILURE;
        }
        if (printIds) {
            events.forEach(e -> System.out.println(e.eventId() + " " + e.caseId()));
        }
        System.err.printf("certeus: appended %d event(s), refused %d line(s)%n", events.size(), invalid);
        return invalid > 0 ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
    }

    /** Reads and validates every line, reporting each refused one on {@code errors}; returns how many were refused. */
    long readEvents(List<Event> valid, PrintStream errors) throws IOException {
        EventFileReader reader = new EventFileReader();
        try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file))) {
            return reader.read(in, valid::add, refusal -> errors.println(refusal.describe()));
        }
    }
}
