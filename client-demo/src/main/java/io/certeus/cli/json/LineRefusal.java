package io.certeus.cli.json;

import io.certeus.core.validation.PrintableText;

/**
 * One refused input line: its physical line number, a stable reason (a {@code RejectReason} name,
 * or {@code MALFORMED} when the line is not an event at all) and a message with key=value context.
 *
 * <p>Thread-safe: immutable.
 */
public final class LineRefusal {
    /** Reason of a line that is not an event object at all (bytes, JSON, keys, value types). */
    public static final String MALFORMED = "MALFORMED";
    /** Longest message printed for one line, in characters; longer ones are cut with their length. */
    public static final int MAX_MESSAGE_CHARS = 400;

    private final long lineNumber;
    private final String reason;
    private final String message;

    public LineRefusal(long lineNumber, String reason, String message) {
        this.lineNumber = lineNumber;
        this.reason = reason;
        this.message = message;
    }

    public long lineNumber() {
        return lineNumber;
    }

    public String reason() {
        return reason;
    }

    public String message() {
        return message;
    }

    /** {@code line N: REASON: message}, one printable line: control characters escaped, long text cut. */
    public String describe() {
        return "line " + lineNumber + ": " + reason + ": " + PrintableText.message(message, MAX_MESSAGE_CHARS);
    }
}
