package io.certeus.cli.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Event;
import io.certeus.core.validation.CanonicalUuid;
import io.certeus.core.validation.EpochMicros;
import io.certeus.core.validation.PrintableText;
import io.certeus.core.validation.Utf8Validator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;

/**
 * Reads one event from the bytes of one line of JSON:
 * {@code {"eventId"?, "caseId", "type", "actor", "sourceIp"?, "documentHash"? (hex), "payload": {...}, "occurredAt"? (ISO-8601)}}.
 * The payload is kept as the exact bytes of the line between its braces, so what is hashed is what was written.
 * Missing {@code eventId} gets one derived from the line, missing {@code occurredAt} the reader's default time.
 *
 * <p>Refused here, before the event rules of {@code EventValidator}: bytes that are not UTF-8 (with
 * their offset), a byte order mark, anything but one JSON object, unknown or repeated keys (at any
 * depth, payload included), values of the wrong JSON type, an eventId that is not canonical UUID
 * text, an occurredAt that is not an ISO-8601 instant. docs/INPUT.md states every rule.
 *
 * <p>Thread-safe: stateless apart from the shared, thread-safe Jackson factory.
 */
public final class EventLineReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Longest part of a JSON parser's message kept in a refusal (the parser may quote the input). */
    private static final int MAX_PARSER_MESSAGE_CHARS = 200;

    /** A line that is not an event, with the reason. */
    public static final class MalformedLineException extends Exception {
        private static final long serialVersionUID = 1L;

        public MalformedLineException(String message) {
            super(message);
        }
    }

    /**
     * The event on {@code line} (bytes without the line ending); the payload is copied out of the
     * array. A line without {@code eventId} gets one derived from its number and bytes
     * ({@link #derivedEventId}), one without {@code occurredAt} gets {@code defaultOccurredAt}: reading
     * the same unchanged input again gives the same events, so a retried append stores nothing twice.
     */
    public Event read(byte[] line, long lineNumber, Instant defaultOccurredAt) throws MalformedLineException {
        if (line.length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
            throw new MalformedLineException("line starts with a byte order mark (U+FEFF): save the file as UTF-8 without BOM");
        }
        int badUtf8 = Utf8Validator.firstInvalidByte(line);
        if (badUtf8 >= 0) {
            throw new MalformedLineException("line is not valid UTF-8: byteOffset=" + badUtf8 + ", byte=0x"
                    + String.format("%02X", line[badUtf8] & 0xFF));
        }
        UUID eventId = null;
        String caseId = null;
        String type = null;
        String actor = null;
        String sourceIp = null;
        byte[] documentHash = null;
        byte[] payload = null;
        Instant occurredAt = null;
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedLineException("line is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "eventId":
                        eventId = parseUuid(text(parser, field));
                        break;
                    case "caseId":
                        caseId = text(parser, field);
                        break;
                    case "type":
                        type = text(parser, field);
                        break;
                    case "actor":
                        actor = text(parser, field);
                        break;
                    case "sourceIp":
                        sourceIp = value == JsonToken.VALUE_NULL ? null : text(parser, field);
                        break;
                    case "documentHash":
                        documentHash = value == JsonToken.VALUE_NULL ? null : parseHex(text(parser, field));
                        break;
                    case "occurredAt":
                        occurredAt = parseInstant(text(parser, field));
                        break;
                    case "payload":
                        if (value != JsonToken.START_OBJECT) {
                            throw new MalformedLineException("payload must be a JSON object");
                        }
                        int start = (int) parser.currentTokenLocation().getByteOffset();
                        parser.skipChildren();
                        int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
                        payload = Arrays.copyOfRange(line, start, end);
                        break;
                    default:
                        throw new MalformedLineException("unknown field: field=" + PrintableText.quote(field));
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new MalformedLineException("line has content after the event object");
            }
        } catch (IOException e) {
            throw new MalformedLineException("line is not valid JSON: " + parserMessage(e));
        }
        long occurredAtMicros = EpochMicros.saturatedOf(occurredAt == null ? defaultOccurredAt : occurredAt);
        return new Event(eventId == null ? derivedEventId(lineNumber, line) : eventId, caseId, type, actor, sourceIp,
                documentHash, payload, occurredAtMicros, Event.NOT_INGESTED);
    }

    /**
     * The eventId of a line that gives none: a name-based UUID (RFC 4122 version 3) of the line's
     * number and bytes. The same line at the same place always gets the same id; identical lines at
     * different places get different ones. An input edited between runs (lines inserted or changed)
     * gives the moved lines new ids: inputs meant to be edited and resent should carry their own ids.
     */
    public static UUID derivedEventId(long lineNumber, byte[] line) {
        byte[] prefix = ("certeus-append-line:" + lineNumber + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] name = new byte[prefix.length + line.length];
        System.arraycopy(prefix, 0, name, 0, prefix.length);
        System.arraycopy(line, 0, name, prefix.length, line.length);
        return UUID.nameUUIDFromBytes(name);
    }

    /** Whether the line holds nothing but JSON whitespace (space, tab, CR): skipped, not refused. */
    public static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonParser parser, String field) throws IOException, MalformedLineException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new MalformedLineException(field + " must be a string: token=" + parser.currentToken());
        }
        return parser.getText();
    }

    private static UUID parseUuid(String text) throws MalformedLineException {
        UUID uuid = CanonicalUuid.parseOrNull(text);
        if (uuid == null) {
            throw new MalformedLineException("eventId is not canonical UUID text (8-4-4-4-12 hex digits): eventId="
                    + PrintableText.quote(text));
        }
        return uuid;
    }

    private static byte[] parseHex(String text) throws MalformedLineException {
        try {
            return Hashes.fromHex(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedLineException("documentHash is not hex: documentHash=" + PrintableText.quote(text));
        }
    }

    private static Instant parseInstant(String text) throws MalformedLineException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedLineException("occurredAt is not an ISO-8601 instant: occurredAt=" + PrintableText.quote(text));
        }
    }

    private static String parserMessage(IOException e) {
        String message = e.getMessage() == null ? "unparseable" : e.getMessage().split("\n", 2)[0];
        return PrintableText.message(message, MAX_PARSER_MESSAGE_CHARS);
    }
}
