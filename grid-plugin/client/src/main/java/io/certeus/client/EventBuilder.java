package io.certeus.client;

import io.certeus.core.model.Event;
import io.certeus.core.model.EventType;
import io.certeus.core.validation.EpochMicros;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds an event for {@link CerteusClient#append}. The event id defaults to a fresh UUIDv7 and
 * {@code occurredAt} to now; {@code ingestedAt} is always left to the grid.
 *
 * <p>Not thread-safe: one builder per event.
 */
public final class EventBuilder {
    private UUID eventId;
    private final String caseId;
    private final String type;
    private String actor;
    private String sourceIp;
    private byte[] documentHash;
    private byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
    private Instant occurredAt;

    EventBuilder(String caseId, String type) {
        this.caseId = caseId;
        this.type = type;
    }

    public static EventBuilder event(String caseId, EventType type) {
        return new EventBuilder(caseId, Objects.requireNonNull(type, "type").name());
    }

    /** For input whose type is text (files, other systems): the validator names an unknown type. */
    public static EventBuilder event(String caseId, String type) {
        return new EventBuilder(caseId, type);
    }

    /** The idempotency key: sending the same id twice stores the event once. */
    public EventBuilder eventId(UUID value) {
        eventId = value;
        return this;
    }

    public EventBuilder actor(String value) {
        actor = value;
        return this;
    }

    public EventBuilder sourceIp(String value) {
        sourceIp = value;
        return this;
    }

    public EventBuilder documentHash(byte[] sha256) {
        documentHash = sha256;
        return this;
    }

    /** A JSON object as text; stored and hashed as its exact UTF-8 bytes. */
    public EventBuilder payload(String json) {
        payload = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** A JSON object as exact UTF-8 bytes (the array is handed over, not copied). */
    public EventBuilder payloadBytes(byte[] utf8Json) {
        payload = utf8Json;
        return this;
    }

    /**
     * When the event happened. Any instant is taken; one outside 1970-01-01..9999-12-31 is refused
     * by the validator as {@code BAD_OCCURRED_AT} when appended (see {@link EpochMicros}).
     */
    public EventBuilder occurredAt(Instant value) {
        occurredAt = value;
        return this;
    }

    public Event build() {
        Instant when = occurredAt == null ? Instant.now() : occurredAt;
        long micros = EpochMicros.saturatedOf(when);
        return new Event(eventId == null ? UuidV7.next() : eventId, caseId, type, actor, sourceIp, documentHash, payload,
                micros, Event.NOT_INGESTED);
    }
}
