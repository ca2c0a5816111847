package io.certeus.core.serialization;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerCandidate;
import io.certeus.core.shard.EventKey;

/**
 * Compact form of a ledger candidate, as it travels between the ledger job's stages; only members
 * write and read it. Thread-safe: stateless.
 */
public final class LedgerCandidateSerializer implements CompactSerializer<LedgerCandidate> {
    public static final String TYPE_NAME = "certeus.LedgerCandidate";

    @Override
    public LedgerCandidate read(CompactReader reader) {
        Event event = EventFields.read(reader);
        return new LedgerCandidate(new EventKey(event.eventId(), reader.readInt32("shard")), event,
                reader.readInt64("sameContentPosition"), reader.readInt64("otherContentPosition"), reader.readInt32("otherShard"),
                reader.readInt64("otherShardPosition"));
    }

    @Override
    public void write(CompactWriter writer, LedgerCandidate candidate) {
        EventFields.write(writer, candidate.event());
        writer.writeInt32("shard", candidate.key().shard());
        writer.writeInt64("sameContentPosition", candidate.sameContentPosition());
        writer.writeInt64("otherContentPosition", candidate.otherContentPosition());
        writer.writeInt32("otherShard", candidate.otherShard());
        writer.writeInt64("otherShardPosition", candidate.otherShardPosition());
    }

    @Override
    public String getTypeName() {
        return TYPE_NAME;
    }

    @Override
    public Class<LedgerCandidate> getCompactClass() {
        return LedgerCandidate.class;
    }
}
