package io.certeus.core.serialization;

import com.hazelcast.config.CompactSerializationConfig;
import com.hazelcast.nio.serialization.compact.CompactSerializer;

import java.util.List;

/**
 * Every Compact serializer of CERTEUS, in one list, for programmatic configs. Members and clients
 * configured from YAML list the same classes under {@code serialization.compact-serialization}.
 *
 * <p>Thread-safe: stateless.
 */
public final class CerteusSerializers {
    private CerteusSerializers() {
    }

    public static List<CompactSerializer<?>> all() {
        return List.of(
                new EventSerializer(),
                new EventKeySerializer(),
                new EventBatchSerializer(),
                new IngestKeySerializer(),
                new IngestJournalItemSerializer(),
                new LedgerEntrySerializer(),
                new LedgerCandidateSerializer(),
                new LedgerKeySerializer(),
                new RejectedEventSerializer(),
                new AnchorSerializer(),
                new ShardHeadSerializer());
    }

    /** Registers every serializer on a config built in code (YAML configs list them instead). */
    public static void register(CompactSerializationConfig config) {
        config.setSerializers(all().toArray(new CompactSerializer<?>[0]));
    }
}
