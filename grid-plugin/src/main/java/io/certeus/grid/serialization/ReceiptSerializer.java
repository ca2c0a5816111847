package io.certeus.grid.serialization;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.certeus.core.model.Receipt;

import java.util.UUID;

/** Compact form of a receipt. Thread-safe: stateless. */
public final class ReceiptSerializer implements CompactSerializer<Receipt> {
    public static final String TYPE_NAME = "certeus.Receipt";

    @Override
    public Receipt read(CompactReader reader) {
        return new Receipt(
                UUID.fromString(reader.readString("eventId")),
                reader.readString("caseId"),
                reader.readInt32("shard"),
                reader.readInt64("position"),
                reader.readArrayOfInt8("hash"));
    }

    @Override
    public void write(CompactWriter writer, Receipt receipt) {
        writer.writeString("eventId", receipt.eventId().toString());
        writer.writeString("caseId", receipt.caseId());
        writer.writeInt32("shard", receipt.shard());
        writer.writeInt64("position", receipt.position());
        writer.writeArrayOfInt8("hash", receipt.hash());
    }

    @Override
    public String getTypeName() {
        return TYPE_NAME;
    }

    @Override
    public Class<Receipt> getCompactClass() {
        return Receipt.class;
    }
}
