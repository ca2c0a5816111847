package io.certeus.cli.json;

import io.certeus.core.model.Event;
import io.certeus.core.validation.EventValidator;
import io.certeus.core.validation.Violation;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Reads the input of {@code certeus append}: physical lines of raw bytes ({@link PhysicalLineReader}),
 * each read as an event ({@link EventLineReader}) and checked with the same {@link EventValidator}
 * the client and the pipeline apply. Every valid event goes to one consumer, every refused line to
 * the other with its physical line number; one bad line never stops the read. Lines holding only
 * spaces, tabs and CRs are skipped (they still count as lines).
 *
 * <p>Not thread-safe: one read per instance; the consumers are called on the reading thread.
 */
public final class EventFileReader {
    private final EventLineReader lineReader = new EventLineReader();
    private final EventValidator validator;
    private final int maxLineBytes;

    public EventFileReader(EventValidator validator, int maxLineBytes) {
        this.validator = validator;
        this.maxLineBytes = maxLineBytes;
    }

    public EventFileReader() {
        this(new EventValidator(), PhysicalLineReader.DEFAULT_MAX_LINE_BYTES);
    }

    /** Reads {@code in} to its end, lines without {@code occurredAt} at the current time; returns how many lines were refused. */
    public long read(InputStream in, Consumer<Event> valid, Consumer<LineRefusal> refused) throws IOException {
        return read(in, Instant.now(), valid, refused);
    }

    /**
     * Reads {@code in} to its end; lines without {@code occurredAt} get {@code defaultOccurredAt} (and
     * lines without {@code eventId} an id derived from the line), so the same input read again gives
     * the same events. Returns how many lines were refused.
     */
    public long read(InputStream in, Instant defaultOccurredAt, Consumer<Event> valid, Consumer<LineRefusal> refused)
            throws IOException {
        PhysicalLineReader lines = new PhysicalLineReader(in, maxLineBytes);
        long refusedCount = 0;
        PhysicalLineReader.Line line;
        while ((line = lines.next()) != null) {
            LineRefusal refusal = check(line, defaultOccurredAt, valid);
            if (refusal != null) {
                refused.accept(refusal);
                refusedCount++;
            }
        }
        return refusedCount;
    }

    private LineRefusal check(PhysicalLineReader.Line line, Instant defaultOccurredAt, Consumer<Event> valid) {
        if (line.tooLong()) {
            return new LineRefusal(line.number(), LineRefusal.MALFORMED,
                    "line too long: bytes=" + line.lengthBytes() + ", maxBytes=" + maxLineBytes);
        }
        if (EventLineReader.isBlank(line.bytes())) {
            return null;
        }
        Event event;
        try {
            event = lineReader.read(line.bytes(), line.number(), defaultOccurredAt);
        } catch (EventLineReader.MalformedLineException e) {
            return new LineRefusal(line.number(), LineRefusal.MALFORMED, e.getMessage());
        }
        Violation violation = validator.validate(event);
        if (violation != null) {
            return new LineRefusal(line.number(), violation.reason().name(), violation.message());
        }
        valid.accept(event);
        return null;
    }
}
