package io.certeus.core.serialization;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.certeus.core.model.Event;

import java.util.UUID;

/**
 * The Compact fields of an {@link Event}, written flat so that records embedding an event
 * (ledger entries, rejected events) stay queryable field by field from SQL and Management Center.
 *
 * <p>Thread-safe: stateless.
 */
final class EventFields {
    static final String EVENT_ID = "eventId";
    static final String CASE_ID = "caseId";
    static final String TYPE = "type";
    static final String ACTOR = "actor";
    static final String SOURCE_IP = "sourceIp";
    static final String DOCUMENT_HASH = "documentHash";
    static final String PAYLOAD = "payload";
    static final String OCCURRED_AT_MICROS = "occurredAtMicros";
    static final String INGESTED_AT_MICROS = "ingestedAtMicros";

    private EventFields() {
    }

    static void write(CompactWriter writer, Event event) {
        writer.writeString(EVENT_ID, event.eventId() == null ? null : event.eventId().toString());
        writer.writeString(CASE_ID, event.caseId());
        writer.writeString(TYPE, event.type());
        writer.writeString(ACTOR, event.actor());
        writer.writeString(SOURCE_IP, event.sourceIp());
        writer.writeArrayOfInt8(DOCUMENT_HASH, event.documentHash());
        writer.writeArrayOfInt8(PAYLOAD, event.payload());
        writer.writeInt64(OCCURRED_AT_MICROS, event.occurredAtMicros());
        writer.writeInt64(INGESTED_AT_MICROS, event.ingestedAtMicros());
    }

    static Event read(CompactReader reader) {
        String eventId = reader.readString(EVENT_ID);
        return new Event(
                eventId == null ? null : UUID.fromString(eventId),
                reader.readString(CASE_ID),
                reader.readString(TYPE),
                reader.readString(ACTOR),
                reader.readString(SOURCE_IP),
                reader.readArrayOfInt8(DOCUMENT_HASH),
                reader.readArrayOfInt8(PAYLOAD),
                reader.readInt64(OCCURRED_AT_MICROS),
                reader.readInt64(INGESTED_AT_MICROS));
    }
}
