package io.certeus.cli;

import io.certeus.cli.json.EventLineReader;
import io.certeus.client.CerteusClient;
import io.certeus.client.CerteusClientException;
import io.certeus.core.model.Event;
import io.certeus.core.validation.EventValidator;
import io.certeus.core.validation.Violation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code certeus append}: JSON lines from a file or stdin. Every invalid line is reported with its
 * number and reason; the valid ones are appended; the exit code says whether any line was refused.
 */
@Command(name = "append", mixinStandardHelpOptions = true,
        description = "Append events given as JSON lines (a file, or stdin when FILE is '-' or absent). One object per line: "
                + "{\"eventId\"?, \"caseId\", \"type\", \"actor\", \"sourceIp\"?, \"documentHash\"? (hex), \"payload\": {...}, "
                + "\"occurredAt\"? (ISO-8601)}.")
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
        int invalid = readEvents(events, System.err);
        if (invalid > 0 && strict) {
            System.err.printf("certeus: %d invalid line(s); nothing appended (--strict)%n", invalid);
            return ExitCodes.INVALID_INPUT;
        }
        try (CerteusClient certeus = grid.openClient()) {
            List<CompletableFuture<Void>> sent = new ArrayList<>(events.size());
            for (Event event : events) {
                sent.add(certeus.append(event));
            }
            CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])).join();
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

    /** Reads and validates every line; returns how many were refused. */
    int readEvents(List<Event> valid, PrintStream errors) throws Exception {
        EventLineReader reader = new EventLineReader();
        EventValidator validator = new EventValidator();
        int invalid = 0;
        int lineNumber = 0;
        try (BufferedReader lines = "-".equals(file)
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Event event = reader.read(line);
                    Violation violation = validator.validate(event);
                    if (violation != null) {
                        errors.printf("line %d: %s: %s%n", lineNumber, violation.reason(), violation.message());
                        invalid++;
                    } else {
                        valid.add(event);
                    }
                } catch (EventLineReader.MalformedLineException e) {
                    errors.printf("line %d: MALFORMED: %s%n", lineNumber, e.getMessage());
                    invalid++;
                }
            }
        }
        return invalid;
    }
}
