package io.certeus.core.serialization;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.certeus.core.model.Anchor;

/** Compact form of an anchor, heads included. Thread-safe: stateless. */
public final class AnchorSerializer implements CompactSerializer<Anchor> {
    public static final String TYPE_NAME = "certeus.Anchor";

    @Override
    public Anchor read(CompactReader reader) {
        return new Anchor(
                reader.readInt64("sequence"),
                reader.readInt64("anchoredAtMicros"),
                reader.readArrayOfInt8("merkleRoot"),
                reader.readArrayOfInt8("prevAnchorHash"),
                reader.readArrayOfInt8("anchorHash"),
                reader.readArrayOfInt64("shardSizes"),
                reader.readArrayOfInt8("headHashes"));
    }

    @Override
    public void write(CompactWriter writer, Anchor anchor) {
        writer.writeInt64("sequence", anchor.sequence());
        writer.writeInt64("anchoredAtMicros", anchor.anchoredAtMicros());
        writer.writeArrayOfInt8("merkleRoot", anchor.merkleRoot());
        writer.writeArrayOfInt8("prevAnchorHash", anchor.prevAnchorHash());
        writer.writeArrayOfInt8("anchorHash", anchor.anchorHash());
        writer.writeArrayOfInt64("shardSizes", anchor.shardSizes());
        writer.writeArrayOfInt8("headHashes", anchor.headHashes());
    }

    @Override
    public String getTypeName() {
        return TYPE_NAME;
    }

    @Override
    public Class<Anchor> getCompactClass() {
        return Anchor.class;
    }
}
