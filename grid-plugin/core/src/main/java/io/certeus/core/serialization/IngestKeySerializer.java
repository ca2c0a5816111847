package io.certeus.core.serialization;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.certeus.core.shard.IngestKey;

import java.util.UUID;

/**
 * Compact form of an ingest key. The batch id is two 64-bit fields, not a string, so no byte
 * sequence a client writes can fail to parse when the pipeline reads the key.
 * Thread-safe: stateless.
 */
public final class IngestKeySerializer implements CompactSerializer<IngestKey> {
    public static final String TYPE_NAME = "certeus.IngestKey";

    @Override
    public IngestKey read(CompactReader reader) {
        return new IngestKey(new UUID(reader.readInt64("batchIdHigh"), reader.readInt64("batchIdLow")), reader.readInt32("lane"));
    }

    @Override
    public void write(CompactWriter writer, IngestKey key) {
        writer.writeInt64("batchIdHigh", key.batchId().getMostSignificantBits());
        writer.writeInt64("batchIdLow", key.batchId().getLeastSignificantBits());
        writer.writeInt32("lane", key.lane());
    }

    @Override
    public String getTypeName() {
        return TYPE_NAME;
    }

    @Override
    public Class<IngestKey> getCompactClass() {
        return IngestKey.class;
    }
}
