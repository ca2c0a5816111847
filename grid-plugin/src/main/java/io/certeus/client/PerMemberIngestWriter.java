package io.certeus.client;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import io.certeus.core.model.Event;
import io.certeus.core.shard.EventKey;
import io.certeus.core.shard.Shards;
import io.certeus.grid.MapNames;
import io.certeus.grid.ingest.IngestBatchTask;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Splits a batch by the member that owns each event's shard and stores each part with one call on
 * that member ({@link IngestBatchTask}): one round trip per member instead of one per partition.
 * Entries whose partition has no owner yet (a grid still forming) go through a plain {@code putAll}.
 *
 * <p>Thread-safe: Hazelcast proxies are thread-safe; the partition index is published once through a volatile.
 */
final class PerMemberIngestWriter implements IngestWriter {
    static final String EXECUTOR = "certeus-ingest";

    private final HazelcastInstance hazelcast;
    private final PartitionService partitions;
    private final IExecutorService executor;
    private volatile Partition[] partitionsById;

    PerMemberIngestWriter(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.partitions = hazelcast.getPartitionService();
        this.executor = hazelcast.getExecutorService(EXECUTOR);
    }

    /**
     * An event key's shard is its partition id, so the (live) partition views are indexed once
     * instead of serializing every key's partition key to look its partition up.
     */
    private Partition partitionOf(EventKey key) {
        Partition[] byId = partitionsById;
        if (byId == null) {
            Partition[] all = new Partition[Shards.SHARD_COUNT];
            int found = 0;
            for (Partition partition : partitions.getPartitions()) {
                if (partition.getPartitionId() < all.length) {
                    all[partition.getPartitionId()] = partition;
                    found++;
                }
            }
            if (found < all.length) {
                return partitions.getPartition(key); // partition table not known yet
            }
            partitionsById = all;
            byId = all;
        }
        return byId[key.shard()];
    }

    @Override
    public CompletableFuture<Void> write(Map<EventKey, Event> entries) {
        Map<Member, Map<EventKey, Event>> byOwner = new HashMap<>();
        Map<EventKey, Event> unowned = new HashMap<>();
        for (Map.Entry<EventKey, Event> entry : entries.entrySet()) {
            Member owner = partitionOf(entry.getKey()).getOwner();
            (owner == null ? unowned : byOwner.computeIfAbsent(owner, m -> new HashMap<>()))
                    .put(entry.getKey(), entry.getValue());
        }
        List<CompletableFuture<?>> parts = new ArrayList<>(byOwner.size() + 1);
        for (Map.Entry<Member, Map<EventKey, Event>> part : byOwner.entrySet()) {
            CompletableFuture<Integer> stored = new CompletableFuture<>();
            executor.submitToMember(new IngestBatchTask(part.getValue()), part.getKey(), new ExecutionCallback<Integer>() {
                @Override
                public void onResponse(Integer count) {
                    stored.complete(count);
                }

                @Override
                public void onFailure(Throwable t) {
                    stored.completeExceptionally(t);
                }
            });
            parts.add(stored);
        }
        if (!unowned.isEmpty()) {
            parts.add(hazelcast.<EventKey, Event>getMap(MapNames.INGEST).putAllAsync(unowned).toCompletableFuture());
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]));
    }
}
