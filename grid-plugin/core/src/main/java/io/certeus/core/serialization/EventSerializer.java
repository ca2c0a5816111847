package io.certeus.core.serialization;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.certeus.core.model.Event;

/** Compact form of a submitted event. Thread-safe: stateless. */
public final class EventSerializer implements CompactSerializer<Event> {
    public static final String TYPE_NAME = "certeus.Event";

    @Override
    public Event read(CompactReader reader) {
        return EventFields.read(reader);
    }

    @Override
    public void write(CompactWriter writer, Event event) {
        EventFields.write(writer, event);
    }

    @Override
    public String getTypeName() {
        return TYPE_NAME;
    }

    @Override
    public Class<Event> getCompactClass() {
        return Event.class;
    }
}
