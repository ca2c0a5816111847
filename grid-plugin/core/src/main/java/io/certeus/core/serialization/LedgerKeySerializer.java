package io.certeus.core.serialization;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.certeus.core.shard.LedgerKey;

/** Compact form of a ledger key. Thread-safe: stateless. */
public final class LedgerKeySerializer implements CompactSerializer<LedgerKey> {
    public static final String TYPE_NAME = "certeus.LedgerKey";

    @Override
    public LedgerKey read(CompactReader reader) {
        return new LedgerKey(reader.readInt32("shard"), reader.readInt64("position"));
    }

    @Override
    public void write(CompactWriter writer, LedgerKey key) {
        writer.writeInt32("shard", key.shard());
        writer.writeInt64("position", key.position());
    }

    @Override
    public String getTypeName() {
        return TYPE_NAME;
    }

    @Override
    public Class<LedgerKey> getCompactClass() {
        return LedgerKey.class;
    }
}
