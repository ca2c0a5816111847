package io.certeus.core.model;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * An event as submitted for the ledger, before it has a shard position.
 *
 * <p>The type is kept as the submitted string so that the pipeline's validate stage can reject an
 * unknown type with a reason instead of failing to deserialize it. The payload is the exact UTF-8
 * bytes of a JSON object: those bytes are what is hashed and stored.
 *
 * <p>Thread-safe: immutable once built. The byte arrays are shared, not copied: whoever builds an
 * event hands the arrays over and must not change them afterwards.
 */
public final class Event {
    /** Marks an event that has not been stamped at ingest yet. */
    public static final long NOT_INGESTED = Long.MIN_VALUE;

    private final UUID eventId;
    private final String caseId;
    private final String type;
    private final String actor;
    private final String sourceIp;
    private final byte[] documentHash;
    private final byte[] payload;
    private final long occurredAtMicros;
    private final long ingestedAtMicros;

    public Event(
            UUID eventId,
            String caseId,
            String type,
            String actor,
            String sourceIp,
            byte[] documentHash,
            byte[] payload,
            long occurredAtMicros,
            long ingestedAtMicros) {
        this.eventId = eventId;
        this.caseId = caseId;
        this.type = type;
        this.actor = actor;
        this.sourceIp = sourceIp;
        this.documentHash = documentHash;
        this.payload = payload;
        this.occurredAtMicros = occurredAtMicros;
        this.ingestedAtMicros = ingestedAtMicros;
    }

    /** This event with its ingest time set; stamping happens once, at ingest. */
    public Event withIngestedAtMicros(long nowMicros) {
        return new Event(eventId, caseId, type, actor, sourceIp, documentHash, payload, occurredAtMicros, nowMicros);
    }

    public UUID eventId() {
        return eventId;
    }

    public String caseId() {
        return caseId;
    }

    public String type() {
        return type;
    }

    public String actor() {
        return actor;
    }

    /** The submitter's address, or {@code null} when not given. */
    public String sourceIp() {
        return sourceIp;
    }

    /** 32 bytes, or {@code null} when the event carries no document. */
    public byte[] documentHash() {
        return documentHash;
    }

    /** Exact UTF-8 bytes of a JSON object. */
    public byte[] payload() {
        return payload;
    }

    public long occurredAtMicros() {
        return occurredAtMicros;
    }

    /** Ingest time, or {@link #NOT_INGESTED}. */
    public long ingestedAtMicros() {
        return ingestedAtMicros;
    }

    public boolean isIngested() {
        return ingestedAtMicros != NOT_INGESTED;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Event)) {
            return false;
        }
        Event that = (Event) o;
        return occurredAtMicros == that.occurredAtMicros
                && ingestedAtMicros == that.ingestedAtMicros
                && Objects.equals(eventId, that.eventId)
                && Objects.equals(caseId, that.caseId)
                && Objects.equals(type, that.type)
                && Objects.equals(actor, that.actor)
                && Objects.equals(sourceIp, that.sourceIp)
                && Arrays.equals(documentHash, that.documentHash)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, caseId, type, occurredAtMicros);
    }

    @Override
    public String toString() {
        return "Event{eventId=" + eventId + ", caseId=" + caseId + ", type=" + type + ", actor=" + actor
                + ", payloadBytes=" + (payload == null ? -1 : payload.length) + ", occurredAtMicros=" + occurredAtMicros
                + ", ingestedAtMicros=" + ingestedAtMicros + '}';
    }
}
