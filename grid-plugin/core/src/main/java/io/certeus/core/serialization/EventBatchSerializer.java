package io.certeus.core.serialization;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.certeus.core.model.EventBatch;

/**
 * Compact form of an ingest batch: lane, declared event count, ingest stamp, and the events as one
 * byte array in {@link io.certeus.core.model.EventBatchCodec} layout, so stamping a batch reads and
 * writes four fields, not every event. Thread-safe: stateless.
 */
public final class EventBatchSerializer implements CompactSerializer<EventBatch> {
    public static final String TYPE_NAME = "certeus.EventBatch";

    @Override
    public EventBatch read(CompactReader reader) {
        return EventBatch.wrap(reader.readInt32("lane"), reader.readInt32("eventCount"), reader.readInt64("ingestedAtMicros"),
                reader.readArrayOfInt8("events"));
    }

    @Override
    public void write(CompactWriter writer, EventBatch batch) {
        writer.writeInt32("lane", batch.lane());
        writer.writeInt32("eventCount", batch.eventCount());
        writer.writeInt64("ingestedAtMicros", batch.ingestedAtMicros());
        writer.writeArrayOfInt8("events", batch.encodedEvents());
    }

    @Override
    public String getTypeName() {
        return TYPE_NAME;
    }

    @Override
    public Class<EventBatch> getCompactClass() {
        return EventBatch.class;
    }
}
