package io.certeus.core.serialization;

import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.certeus.core.model.RejectedEvent;

/** Compact form of a rejected event. Thread-safe: stateless. */
public final class RejectedEventSerializer implements CompactSerializer<RejectedEvent> {
    public static final String TYPE_NAME = "certeus.RejectedEvent";
    private static final String CUT_FIELDS = "cutFields";

    @Override
    public RejectedEvent read(CompactReader reader) {
        return new RejectedEvent(
                EventFields.read(reader),
                reader.readString("reasonCode"),
                reader.readString("message"),
                reader.readInt64("rejectedAtMicros"),
                // Records written before bounded rejects have no such field.
                reader.getFieldKind(CUT_FIELDS) == FieldKind.STRING ? reader.readString(CUT_FIELDS) : null);
    }

    @Override
    public void write(CompactWriter writer, RejectedEvent rejected) {
        EventFields.write(writer, rejected.event());
        writer.writeString("reasonCode", rejected.reasonCode());
        writer.writeString("message", rejected.message());
        writer.writeInt64("rejectedAtMicros", rejected.rejectedAtMicros());
        writer.writeString(CUT_FIELDS, rejected.cutFields());
    }

    @Override
    public String getTypeName() {
        return TYPE_NAME;
    }

    @Override
    public Class<RejectedEvent> getCompactClass() {
        return RejectedEvent.class;
    }
}
