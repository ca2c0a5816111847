package io.certeus.grid.ingest;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import io.certeus.core.model.Event;
import io.certeus.core.shard.EventKey;
import io.certeus.grid.MapNames;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A client's batch of appends for the shards one member owns, stored by that member with one local
 * {@code putAll}. A client's own {@code putAll} costs one round trip per partition it touches, and a
 * batch of random cases touches most of the 1000; this costs one per member. Entries of partitions
 * that moved meanwhile are forwarded by the member, so ownership changes cost time, not correctness.
 *
 * <p>Not thread-safe: one instance per submission.
 */
public final class IngestBatchTask implements Callable<Integer>, DataSerializable, HazelcastInstanceAware {
    private Map<EventKey, Event> entries;
    private transient HazelcastInstance member;

    /** For deserialization. */
    public IngestBatchTask() {
    }

    public IngestBatchTask(Map<EventKey, Event> entries) {
        this.entries = entries;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    /** Stores the batch; returns how many entries it held. */
    @Override
    public Integer call() {
        member.<EventKey, Event>getMap(MapNames.INGEST).putAll(entries);
        return entries.size();
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(entries.size());
        for (Map.Entry<EventKey, Event> entry : entries.entrySet()) {
            out.writeObject(entry.getKey());
            out.writeObject(entry.getValue());
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        int size = in.readInt();
        entries = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            EventKey key = in.readObject();
            Event value = in.readObject();
            entries.put(key, value);
        }
    }
}
