package io.certeus.core.serialization;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.certeus.core.model.EventBatch;
import io.certeus.core.model.IngestJournalItem;
import io.certeus.core.shard.IngestKey;

/**
 * Compact form of an ingest journal item, as the journal's read operation passes it to the ledger
 * job's source; only members write and read it. Thread-safe: stateless.
 */
public final class IngestJournalItemSerializer implements CompactSerializer<IngestJournalItem> {
    public static final String TYPE_NAME = "certeus.IngestJournalItem";

    @Override
    public IngestJournalItem read(CompactReader reader) {
        byte[] keyData = reader.readArrayOfInt8("keyData");
        IngestKey key = reader.readCompact("key");
        EventBatch batch = reader.readCompact("batch");
        byte[] foreignValueData = reader.readArrayOfInt8("foreignValueData");
        String foreignReason = reader.readString("foreignReason");
        boolean afterLostEvents = reader.readBoolean("afterLostEvents");
        return foreignReason == null
                ? IngestJournalItem.batch(keyData, key, batch, afterLostEvents)
                : IngestJournalItem.foreign(keyData, key, foreignValueData, foreignReason, afterLostEvents);
    }

    @Override
    public void write(CompactWriter writer, IngestJournalItem item) {
        writer.writeArrayOfInt8("keyData", item.keyData());
        writer.writeCompact("key", item.key());
        writer.writeCompact("batch", item.batch());
        writer.writeArrayOfInt8("foreignValueData", item.foreignValueData());
        writer.writeString("foreignReason", item.foreignReason());
        writer.writeBoolean("afterLostEvents", item.isAfterLostEvents());
    }

    @Override
    public String getTypeName() {
        return TYPE_NAME;
    }

    @Override
    public Class<IngestJournalItem> getCompactClass() {
        return IngestJournalItem.class;
    }
}
