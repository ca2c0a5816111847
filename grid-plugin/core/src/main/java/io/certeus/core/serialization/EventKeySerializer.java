package io.certeus.core.serialization;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.certeus.core.shard.EventKey;

import java.util.UUID;

/** Compact form of the pipeline's per-event key (items between Jet members). Thread-safe: stateless. */
public final class EventKeySerializer implements CompactSerializer<EventKey> {
    public static final String TYPE_NAME = "certeus.EventKey";

    @Override
    public EventKey read(CompactReader reader) {
        return new EventKey(UUID.fromString(reader.readString("eventId")), reader.readInt32("shard"));
    }

    @Override
    public void write(CompactWriter writer, EventKey key) {
        writer.writeString("eventId", key.eventId().toString());
        writer.writeInt32("shard", key.shard());
    }

    @Override
    public String getTypeName() {
        return TYPE_NAME;
    }

    @Override
    public Class<EventKey> getCompactClass() {
        return EventKey.class;
    }
}
