package io.certeus.core.model;

import io.certeus.core.hash.Hashes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Something the pipeline refused (an event, or an ingest entry that is not one), kept with the
 * reason so nothing submitted is lost without a trace.
 *
 * <p>A record is bounded: {@link #bounded} keeps at most {@value #MAX_KEPT_BYTES} bytes of each
 * byte field, {@value #MAX_KEPT_CHARS} chars of each text field and {@value #MAX_MESSAGE_CHARS}
 * of the message, and names every cut field in {@link #cutFields()} with its full length and the
 * SHA-256 of its full value, so a 5 MB payload costs the grid and PostgreSQL about 1 KB and can
 * still be matched against the original.
 *
 * <p>Thread-safe: immutable.
 */
public final class RejectedEvent {
    /** Bytes kept of an oversize byte field (payload, documentHash). */
    public static final int MAX_KEPT_BYTES = 1024;
    /** UTF-16 chars kept of an oversize text field (caseId, type, actor, sourceIp). */
    public static final int MAX_KEPT_CHARS = 256;
    /** UTF-16 chars kept of the reason's message. */
    public static final int MAX_MESSAGE_CHARS = 1024;

    private final Event event;
    private final String reasonCode;
    private final String message;
    private final long rejectedAtMicros;
    private final String cutFields;

    public RejectedEvent(Event event, String reasonCode, String message, long rejectedAtMicros) {
        this(event, reasonCode, message, rejectedAtMicros, null);
    }

    /** As stored; {@code cutFields} is {@code null} when nothing was cut. Use {@link #bounded} to build a new record. */
    public RejectedEvent(Event event, String reasonCode, String message, long rejectedAtMicros, String cutFields) {
        this.event = Objects.requireNonNull(event, "event");
        this.reasonCode = Objects.requireNonNull(reasonCode, "reasonCode");
        this.message = Objects.requireNonNull(message, "message");
        this.rejectedAtMicros = rejectedAtMicros;
        this.cutFields = cutFields;
    }

    /**
     * The record of {@code event} refused for {@code reasonCode}, with oversize fields cut to their
     * bounds. The cut is deterministic, so a replay writes an identical record.
     */
    public static RejectedEvent bounded(Event event, String reasonCode, String message, long rejectedAtMicros) {
        List<String> cuts = new ArrayList<>();
        Event kept = new Event(
                event.eventId(),
                cutText("caseId", event.caseId(), cuts),
                cutText("type", event.type(), cuts),
                cutText("actor", event.actor(), cuts),
                cutText("sourceIp", event.sourceIp(), cuts),
                cutBytes("documentHash", event.documentHash(), cuts),
                cutBytes("payload", event.payload(), cuts),
                event.occurredAtMicros(),
                event.ingestedAtMicros());
        String keptMessage = message.length() <= MAX_MESSAGE_CHARS ? message
                : prefix(message, MAX_MESSAGE_CHARS) + "... (" + message.length() + " chars)";
        return new RejectedEvent(kept, reasonCode, keptMessage, rejectedAtMicros, cuts.isEmpty() ? null : String.join("; ", cuts));
    }

    private static String cutText(String field, String value, List<String> cuts) {
        if (value == null || value.length() <= MAX_KEPT_CHARS) {
            return value;
        }
        // Unpaired surrogates become '?' in the digest's UTF-8 bytes: the digest then names the text as stored in Java.
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        cuts.add(field + " chars=" + value.length() + " sha256=" + Hashes.hex(Hashes.sha256(utf8)));
        return prefix(value, MAX_KEPT_CHARS);
    }

    private static byte[] cutBytes(String field, byte[] value, List<String> cuts) {
        if (value == null || value.length <= MAX_KEPT_BYTES) {
            return value;
        }
        cuts.add(field + " bytes=" + value.length + " sha256=" + Hashes.hex(Hashes.sha256(value)));
        byte[] kept = new byte[MAX_KEPT_BYTES];
        System.arraycopy(value, 0, kept, 0, MAX_KEPT_BYTES);
        return kept;
    }

    /** The first {@code maxChars} chars, one fewer when the cut would split a surrogate pair. */
    private static String prefix(String value, int maxChars) {
        int end = Character.isHighSurrogate(value.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return value.substring(0, end);
    }

    public Event event() {
        return event;
    }

    /** A {@link io.certeus.core.validation.RejectReason} name. */
    public String reasonCode() {
        return reasonCode;
    }

    public String message() {
        return message;
    }

    public long rejectedAtMicros() {
        return rejectedAtMicros;
    }

    /**
     * The fields {@link #bounded} cut, {@code "; "}-separated, each as {@code field chars=N sha256=hex}
     * (text, digest of its UTF-8) or {@code field bytes=N sha256=hex}; {@code null} when nothing was cut.
     */
    public String cutFields() {
        return cutFields;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RejectedEvent)) {
            return false;
        }
        RejectedEvent that = (RejectedEvent) o;
        return rejectedAtMicros == that.rejectedAtMicros && event.equals(that.event)
                && reasonCode.equals(that.reasonCode) && message.equals(that.message) && Objects.equals(cutFields, that.cutFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(event, reasonCode);
    }

    @Override
    public String toString() {
        return "RejectedEvent{reason=" + reasonCode + ", message=" + message + (cutFields == null ? "" : ", cut=" + cutFields)
                + ", " + event + '}';
    }
}
