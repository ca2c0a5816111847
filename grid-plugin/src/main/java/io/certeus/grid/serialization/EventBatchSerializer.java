package io.certeus.grid.serialization;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventBatch;

/** Compact form of an ingest batch: an array of {@link EventSerializer} records. Thread-safe: stateless. */
public final class EventBatchSerializer implements CompactSerializer<EventBatch> {
    public static final String TYPE_NAME = "certeus.EventBatch";

    @Override
    public EventBatch read(CompactReader reader) {
        Event[] events = reader.readArrayOfCompact("events", Event.class);
        if (events == null) {
            return EventBatch.wrap(new Event[0]);
        }
        // Only a foreign writer leaves holes; dropping them keeps every real event and the job alive.
        return EventBatch.wrap(java.util.Arrays.stream(events).filter(java.util.Objects::nonNull).toArray(Event[]::new));
    }

    @Override
    public void write(CompactWriter writer, EventBatch batch) {
        writer.writeArrayOfCompact("events", batch.toArray());
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
