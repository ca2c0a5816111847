package io.certeus.core.serialization;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.certeus.core.model.LedgerEntry;

/** Compact form of a ledger entry: event fields flat, then the chain fields. Thread-safe: stateless. */
public final class LedgerEntrySerializer implements CompactSerializer<LedgerEntry> {
    public static final String TYPE_NAME = "certeus.LedgerEntry";

    @Override
    public LedgerEntry read(CompactReader reader) {
        return new LedgerEntry(
                EventFields.read(reader),
                reader.readInt32("shard"),
                reader.readInt64("position"),
                reader.readArrayOfInt8("prevHash"),
                reader.readArrayOfInt8("hash"));
    }

    @Override
    public void write(CompactWriter writer, LedgerEntry entry) {
        EventFields.write(writer, entry.event());
        writer.writeInt32("shard", entry.shard());
        writer.writeInt64("position", entry.position());
        writer.writeArrayOfInt8("prevHash", entry.prevHash());
        writer.writeArrayOfInt8("hash", entry.hash());
    }

    @Override
    public String getTypeName() {
        return TYPE_NAME;
    }

    @Override
    public Class<LedgerEntry> getCompactClass() {
        return LedgerEntry.class;
    }
}
