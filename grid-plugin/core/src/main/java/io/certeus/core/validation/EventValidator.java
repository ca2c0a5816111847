package io.certeus.core.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.Utf8;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventType;

import java.io.IOException;

/**
 * The one implementation of the event rules, used by the client before sending and by the
 * pipeline's validate stage. Returns {@code null} for a valid event, else the first rule it breaks.
 *
 * <p>Thread-safe: stateless apart from the shared, thread-safe Jackson factory.
 */
public final class EventValidator {
    /** Refuses a repeated key at any depth of the payload: readers disagree on which value counts. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Longest part of a JSON parser's message kept in a violation (the parser may quote the input). */
    private static final int MAX_PARSER_MESSAGE_CHARS = 200;

    private final EventLimits limits;

    public EventValidator(EventLimits limits) {
        this.limits = limits;
    }

    public EventValidator() {
        this(EventLimits.defaults());
    }

    public EventLimits limits() {
        return limits;
    }

    /** Checks everything a client can get wrong; {@code null} when the event is acceptable. */
    public Violation validate(Event event) {
        if (event.eventId() == null) {
            return new Violation(RejectReason.MISSING_EVENT_ID, "eventId is required");
        }
        Violation violation = checkCaseId(event.caseId());
        if (violation == null) {
            violation = checkType(event.type());
        }
        if (violation == null) {
            violation = checkActor(event.actor());
        }
        if (violation == null && event.sourceIp() != null) {
            violation = checkSourceIp(event.sourceIp());
        }
        if (violation == null && event.documentHash() != null && event.documentHash().length != Hashes.HASH_BYTES) {
            violation = new Violation(RejectReason.BAD_DOCUMENT_HASH,
                    "documentHash must be 32 bytes (SHA-256): length=" + event.documentHash().length);
        }
        if (violation == null) {
            violation = checkPayload(event.payload());
        }
        if (violation == null) {
            violation = checkOccurredAt(event.occurredAtMicros());
        }
        return violation;
    }

    /** {@link #validate} plus the ingest stamp: what the pipeline requires of an event it chains. */
    public Violation validateIngested(Event event) {
        Violation violation = validate(event);
        if (violation == null && !event.isIngested()) {
            violation = new Violation(RejectReason.NOT_INGESTED, "ingestedAt was never stamped: eventId=" + event.eventId());
        }
        return violation;
    }

    /** Throws {@link InvalidEventException} when the event breaks a rule. */
    public void requireValid(Event event) {
        Violation violation = validate(event);
        if (violation != null) {
            throw new InvalidEventException(violation);
        }
    }

    /** caseId must match {@code ^[A-Z]{3}-[0-9]{6}$}. */
    public static boolean isValidCaseId(String caseId) {
        if (caseId == null || caseId.length() != 10 || caseId.charAt(3) != '-') {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = caseId.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        for (int i = 4; i < 10; i++) {
            char c = caseId.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static Violation checkCaseId(String caseId) {
        if (isValidCaseId(caseId)) {
            return null;
        }
        return new Violation(RejectReason.BAD_CASE_ID,
                "caseId must match ^[A-Z]{3}-[0-9]{6}$: caseId=" + quote(caseId));
    }

    private static Violation checkType(String type) {
        if (EventType.byName(type) != null) {
            return null;
        }
        return new Violation(RejectReason.UNKNOWN_TYPE, "unknown event type: type=" + quote(type));
    }

    private Violation checkActor(String actor) {
        if (actor == null || actor.isBlank()) {
            return new Violation(RejectReason.BAD_ACTOR, "actor is required and must not be blank");
        }
        Violation text = checkText("actor", actor, RejectReason.BAD_ACTOR);
        if (text != null) {
            return text;
        }
        int bytes = Utf8.encodedLength(actor);
        if (bytes > limits.maxActorBytes()) {
            return new Violation(RejectReason.BAD_ACTOR,
                    "actor too long: bytes=" + bytes + ", maxBytes=" + limits.maxActorBytes());
        }
        return null;
    }

    /**
     * Free text goes to PostgreSQL text columns and to people's screens: no unpaired surrogates and
     * none of the {@link ControlCharacters} (C0, DEL, C1, bidi formatting, line separators).
     */
    private static Violation checkText(String field, String value, RejectReason reason) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (ControlCharacters.isRefused(c)) {
                return new Violation(reason, field + " contains a control or bidi formatting character: index=" + i
                        + ", code=U+" + String.format("%04X", (int) c));
            }
        }
        if (Utf8.hasUnpairedSurrogate(value)) {
            return new Violation(reason, field + " contains an unpaired UTF-16 surrogate (not encodable as UTF-8)");
        }
        return null;
    }

    private static Violation checkSourceIp(String sourceIp) {
        if (IpLiterals.isIpv4(sourceIp) || IpLiterals.isIpv6(sourceIp)) {
            return null;
        }
        return new Violation(RejectReason.BAD_SOURCE_IP,
                "sourceIp must be an IPv4 or IPv6 literal: sourceIp=" + quote(sourceIp));
    }

    private Violation checkPayload(byte[] payload) {
        if (payload == null) {
            return new Violation(RejectReason.BAD_PAYLOAD, "payload is required (a JSON object)");
        }
        if (payload.length > limits.maxPayloadBytes()) {
            return new Violation(RejectReason.PAYLOAD_TOO_LARGE,
                    "payload too large: bytes=" + payload.length + ", maxBytes=" + limits.maxPayloadBytes());
        }
        int badUtf8 = Utf8Validator.firstInvalidByte(payload);
        if (badUtf8 >= 0) {
            return new Violation(RejectReason.BAD_PAYLOAD, "payload is not valid UTF-8: byteOffset=" + badUtf8);
        }
        return checkJsonObject(payload);
    }

    private static Violation checkJsonObject(byte[] payload) {
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new Violation(RejectReason.BAD_PAYLOAD, "payload must be a JSON object");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return new Violation(RejectReason.BAD_PAYLOAD, "payload has content after the JSON object: byteOffset="
                        + parser.currentTokenLocation().getByteOffset());
            }
            return null;
        } catch (IOException e) {
            return new Violation(RejectReason.BAD_PAYLOAD, "payload is not valid JSON: "
                    + PrintableText.message(firstLine(e.getMessage()), MAX_PARSER_MESSAGE_CHARS));
        }
    }

    private static Violation checkOccurredAt(long occurredAtMicros) {
        if (occurredAtMicros >= EventLimits.MIN_OCCURRED_AT_MICROS && occurredAtMicros <= EventLimits.MAX_OCCURRED_AT_MICROS) {
            return null;
        }
        return new Violation(RejectReason.BAD_OCCURRED_AT,
                "occurredAt outside 1970-01-01T00:00:00Z..9999-12-31T23:59:59.999999Z: occurredAt="
                        + EpochMicros.toInstant(occurredAtMicros) + ", occurredAtMicros=" + occurredAtMicros);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String quote(String value) {
        return PrintableText.quote(value);
    }
}
