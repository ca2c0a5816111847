package io.certeus.core.serialization;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.certeus.core.model.ShardHead;

/** Compact form of a shard head. Thread-safe: stateless. */
public final class ShardHeadSerializer implements CompactSerializer<ShardHead> {
    public static final String TYPE_NAME = "certeus.ShardHead";

    @Override
    public ShardHead read(CompactReader reader) {
        return new ShardHead(reader.readInt32("shard"), reader.readInt64("size"), reader.readArrayOfInt8("headHash"));
    }

    @Override
    public void write(CompactWriter writer, ShardHead head) {
        writer.writeInt32("shard", head.shard());
        writer.writeInt64("size", head.size());
        writer.writeArrayOfInt8("headHash", head.headHash());
    }

    @Override
    public String getTypeName() {
        return TYPE_NAME;
    }

    @Override
    public Class<ShardHead> getCompactClass() {
        return ShardHead.class;
    }
}
