package io.certeus.cli.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.certeus.client.UuidV7;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;

/**
 * Reads one event from one line of JSON:
 * {@code {"eventId"?, "caseId", "type", "actor", "sourceIp"?, "documentHash"? (hex), "payload": {...}, "occurredAt"? (ISO-8601)}}.
 * The payload is kept as the exact bytes of the line between its braces, so what is hashed is what was written.
 * Missing {@code eventId} gets a UUIDv7, missing {@code occurredAt} the current time.
 *
 * <p>Thread-safe: stateless apart from the shared, thread-safe Jackson factory.
 */
public final class EventLineReader {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** A line that is not an event, with the reason. */
    public static final class MalformedLineException extends Exception {
        private static final long serialVersionUID = 1L;

        public MalformedLineException(String message) {
            super(message);
        }
    }

    public Event read(String line) throws MalformedLineException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        UUID eventId = null;
        String caseId = null;
        String type = null;
        String actor = null;
        String sourceIp = null;
        byte[] documentHash = null;
        byte[] payload = null;
        Instant occurredAt = null;
        try (JsonParser parser = JSON.createParser(bytes)) {
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
                        payload = Arrays.copyOfRange(bytes, start, end);
                        break;
                    default:
                        throw new MalformedLineException("unknown field: field=" + field);
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new MalformedLineException("line has content after the event object");
            }
        } catch (IOException e) {
            String message = e.getMessage() == null ? "unparseable" : e.getMessage().split("\n", 2)[0];
            throw new MalformedLineException("line is not valid JSON: " + message);
        }
        long occurredAtMicros = ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt == null ? Instant.now() : occurredAt);
        return new Event(eventId == null ? UuidV7.next() : eventId, caseId, type, actor, sourceIp, documentHash, payload,
                occurredAtMicros, Event.NOT_INGESTED);
    }

    private static String text(JsonParser parser, String field) throws IOException, MalformedLineException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new MalformedLineException(field + " must be a string");
        }
        return parser.getText();
    }

    private static UUID parseUuid(String text) throws MalformedLineException {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedLineException("eventId is not a UUID: eventId=" + text);
        }
    }

    private static byte[] parseHex(String text) throws MalformedLineException {
        try {
            return Hashes.fromHex(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedLineException("documentHash is not hex: documentHash=" + text);
        }
    }

    private static Instant parseInstant(String text) throws MalformedLineException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedLineException("occurredAt is not an ISO-8601 instant: occurredAt=" + text);
        }
    }
}
