package io.certeus.pipeline;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.impl.SerializationConstants;
import com.hazelcast.internal.util.HashUtil;
import com.hazelcast.jet.Util;
import com.hazelcast.jet.pipeline.JournalInitialPosition;
import com.hazelcast.jet.pipeline.Sources;
import com.hazelcast.jet.pipeline.StreamSource;
import com.hazelcast.map.EventJournalMapEvent;
import com.hazelcast.map.impl.journal.InternalEventJournalMapEvent;
import io.certeus.core.MapNames;
import io.certeus.core.model.EventBatch;
import io.certeus.core.model.IngestJournalItem;
import io.certeus.core.shard.IngestKey;
import io.certeus.core.shard.IngestLanes;
import io.certeus.core.shard.Shards;

/**
 * The ledger job's source: the ingest map's journal, each put decoded on the member that holds it
 * by a projection that never throws. Anything a client can write, a key or value of an unknown or
 * undecodable type (a Compact record with a bad field, a key that is not a Compact record at all,
 * which is never deserialized), a batch in another lane's partition, becomes a foreign
 * {@link IngestJournalItem} with the reason, instead of an exception that would fail the job. Every item carries the stored key bytes, so the job removes
 * even a key that does not deserialize.
 *
 * <p>Reads Hazelcast's journal event internals ({@link InternalEventJournalMapEvent}) for the
 * stored key and value bytes: the public event only offers deserialized objects.
 *
 * <p>Thread-safe: stateless; the projection runs on partition threads.
 */
public final class IngestJournal {
    private static final int MAX_REASON_CHARS = 300;

    private IngestJournal() {
    }

    /** The ingest map's journal from the oldest retained event; put events (ADDED, UPDATED) only. */
    public static StreamSource<IngestJournalItem> source() {
        return Sources.mapJournal(MapNames.INGEST, JournalInitialPosition.START_FROM_OLDEST, IngestJournal::project,
                Util.mapPutEvents());
    }

    /** The item for one journal event; never throws. */
    static IngestJournalItem project(EventJournalMapEvent<Object, Object> event) {
        boolean afterLostEvents = event.isAfterLostEvents();
        if (!(event instanceof InternalEventJournalMapEvent)) {
            // Not the member-side journal event this source is built for: nothing to remove it by.
            return IngestJournalItem.foreign(new byte[0], null, new byte[0], "journal event of unexpected type "
                    + event.getClass().getName(), afterLostEvents);
        }
        InternalEventJournalMapEvent stored = (InternalEventJournalMapEvent) event;
        Data keyData = stored.getDataKey();
        byte[] keyBytes = keyData.toByteArray();
        if (keyData.getType() != SerializationConstants.TYPE_COMPACT && keyData.getType() != SerializationConstants.TYPE_COMPACT_WITH_SCHEMA) {
            // An IngestKey is a Compact record: anything else is foreign without being deserialized here, on the
            // partition thread (a Java-serialized key could be built to take that thread's time).
            return foreign(keyBytes, null, stored, "key is not a Compact record: serializerTypeId=" + keyData.getType(),
                    afterLostEvents);
        }
        Object key;
        try {
            key = event.getKey();
        } catch (RuntimeException | LinkageError | StackOverflowError undecodable) {
            return foreign(keyBytes, null, stored, "key does not deserialize: " + describe(undecodable), afterLostEvents);
        }
        if (!(key instanceof IngestKey)) {
            return foreign(keyBytes, null, stored, "key is not an IngestKey: keyType=" + typeOf(key), afterLostEvents);
        }
        IngestKey ingestKey = (IngestKey) key;
        int partition = HashUtil.hashToIndex(keyData.getPartitionHash(), Shards.SHARD_COUNT);
        if (!IngestLanes.isLane(ingestKey.lane()) || partition != IngestLanes.partitionOf(ingestKey.lane())) {
            return foreign(keyBytes, ingestKey, stored, "ingest key outside its lane's partition: lane=" + ingestKey.lane()
                    + ", partition=" + partition, afterLostEvents);
        }
        Object value;
        try {
            value = event.getNewValue();
        } catch (RuntimeException | LinkageError | StackOverflowError undecodable) {
            return foreign(keyBytes, ingestKey, stored, "value does not deserialize: " + describe(undecodable), afterLostEvents);
        }
        if (!(value instanceof EventBatch)) {
            return foreign(keyBytes, ingestKey, stored, "value is not an EventBatch: valueType=" + typeOf(value), afterLostEvents);
        }
        EventBatch batch = (EventBatch) value;
        if (batch.lane() != ingestKey.lane()) {
            return foreign(keyBytes, ingestKey, stored, "batch declares another lane than its key: batchLane=" + batch.lane()
                    + ", keyLane=" + ingestKey.lane(), afterLostEvents);
        }
        return IngestJournalItem.batch(keyBytes, ingestKey, batch, afterLostEvents);
    }

    private static IngestJournalItem foreign(byte[] keyBytes, IngestKey key, InternalEventJournalMapEvent stored, String reason,
            boolean afterLostEvents) {
        Data value = stored.getDataNewValue();
        return IngestJournalItem.foreign(keyBytes, key, value == null ? new byte[0] : value.toByteArray(), reason, afterLostEvents);
    }

    private static String typeOf(Object object) {
        return object == null ? "null" : object.getClass().getName();
    }

    private static String describe(Throwable error) {
        String text = error.getClass().getName() + ": " + error.getMessage();
        return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "...";
    }
}
