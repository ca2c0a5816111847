package io.certeus.client.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.spi.exception.TargetNotMemberException;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import io.certeus.client.BackpressureException;
import io.certeus.client.CerteusClientException;
import io.certeus.client.NoMajorityException;
import io.certeus.core.MapNames;
import io.certeus.core.model.EventBatch;
import io.certeus.core.protocol.IngestBatchTask;
import io.certeus.core.protocol.IngestOutcome;
import io.certeus.core.retry.Causes;
import io.certeus.core.shard.IngestKey;
import io.certeus.core.shard.IngestLanes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Splits a flush's ingest batches by the member that owns each lane's partition and stores each
 * member's part with one call on that member ({@link IngestBatchTask}): one round trip per member.
 * A batch whose partition has no owner yet (a grid still forming) is stored with a plain {@code set};
 * a part whose owner left before it was sent goes again to the new owners, up to three times.
 *
 * <p>Thread-safe: Hazelcast proxies are thread-safe; the partition index is published once through a volatile.
 */
public final class PerMemberIngestWriter implements IngestWriter {
    static final String EXECUTOR = "certeus-ingest-writer";
    /** Sends of a part whose owner had left (200, 400, 600 ms apart) before its events fail. */
    private static final int MAX_REROUTES = 3;
    private static final long REROUTE_DELAY_MS = 200;

    private final SerializationService serialization;
    private final PartitionService partitions;
    private final IExecutorService executor;
    private final IMap<IngestKey, EventBatch> ingest;
    private volatile Partition[] partitionsByLane;

    public PerMemberIngestWriter(HazelcastInstance hazelcast) {
        if (!(hazelcast instanceof SerializationServiceSupport)) {
            throw new IllegalArgumentException("needs a Hazelcast client or member instance: type=" + hazelcast.getClass().getName());
        }
        this.serialization = ((SerializationServiceSupport) hazelcast).getSerializationService();
        this.partitions = hazelcast.getPartitionService();
        this.executor = hazelcast.getExecutorService(EXECUTOR);
        this.ingest = hazelcast.getMap(MapNames.INGEST);
    }

    /** The (live) partition view of each lane, looked up once instead of hashing a key per batch. */
    private Partition partitionOf(IngestKey key) {
        Partition[] byLane = partitionsByLane;
        if (byLane == null) {
            Partition[] all = new Partition[IngestLanes.LANE_COUNT];
            int found = 0;
            for (Partition partition : partitions.getPartitions()) {
                int id = partition.getPartitionId();
                if (id < all.length) {
                    all[id] = partition; // lane n lives on partition n (IngestLanes.partitionOf)
                    found++;
                }
            }
            if (found < all.length) {
                return partitions.getPartition(key); // partition table not known yet
            }
            partitionsByLane = all;
            byLane = all;
        }
        return byLane[key.lane()];
    }

    @Override
    public List<CompletableFuture<Void>> write(List<IngestKey> keys, List<EventBatch> batches) {
        return write(keys, batches, 0);
    }

    private List<CompletableFuture<Void>> write(List<IngestKey> keys, List<EventBatch> batches, int reroutes) {
        List<CompletableFuture<Void>> results = new ArrayList<>(keys.size());
        Map<Member, List<Integer>> byOwner = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            CompletableFuture<Void> result = new CompletableFuture<>();
            results.add(result);
            Member owner = partitionOf(keys.get(i)).getOwner();
            if (owner == null) {
                ingest.setAsync(keys.get(i), batches.get(i)).whenComplete((ignored, error) -> {
                    if (error == null) {
                        result.complete(null);
                    } else {
                        result.completeExceptionally(error);
                    }
                });
            } else {
                byOwner.computeIfAbsent(owner, m -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<Member, List<Integer>> part : byOwner.entrySet()) {
            List<Integer> indexes = part.getValue();
            List<IngestKey> partKeys = new ArrayList<>(indexes.size());
            List<Data> partBatches = new ArrayList<>(indexes.size());
            for (int index : indexes) {
                partKeys.add(keys.get(index));
                partBatches.add(serialization.toData(batches.get(index))); // serialized once, stored as is
            }
            executor.submitToMember(new IngestBatchTask(partKeys, partBatches), part.getKey(), new ExecutionCallback<IngestOutcome>() {
                @Override
                public void onResponse(IngestOutcome outcome) {
                    for (int j = 0; j < indexes.size(); j++) {
                        complete(results.get(indexes.get(j)), outcome, j);
                    }
                }

                @Override
                public void onFailure(Throwable t) {
                    // The owner left before the task was sent, so nothing ran: send the part again to
                    // the lanes' owners once the client's partition table has caught up.
                    if (Causes.find(t, TargetNotMemberException.class) != null && reroutes < MAX_REROUTES) {
                        Executor later = CompletableFuture.delayedExecutor(REROUTE_DELAY_MS * (reroutes + 1), TimeUnit.MILLISECONDS);
                        later.execute(() -> reroute(indexes, keys, batches, results, reroutes + 1));
                        return;
                    }
                    indexes.forEach(index -> results.get(index).completeExceptionally(t));
                }
            });
        }
        return results;
    }

    private void reroute(List<Integer> indexes, List<IngestKey> keys, List<EventBatch> batches,
            List<CompletableFuture<Void>> results, int reroutes) {
        List<IngestKey> partKeys = new ArrayList<>(indexes.size());
        List<EventBatch> partBatches = new ArrayList<>(indexes.size());
        for (int index : indexes) {
            partKeys.add(keys.get(index));
            partBatches.add(batches.get(index));
        }
        List<CompletableFuture<Void>> again;
        try {
            again = write(partKeys, partBatches, reroutes);
        } catch (RuntimeException e) {
            indexes.forEach(index -> results.get(index).completeExceptionally(e));
            return;
        }
        for (int j = 0; j < indexes.size(); j++) {
            CompletableFuture<Void> result = results.get(indexes.get(j));
            again.get(j).whenComplete((ignored, error) -> {
                if (error == null) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(error);
                }
            });
        }
    }

    private static void complete(CompletableFuture<Void> result, IngestOutcome outcome, int index) {
        switch (outcome.state(index)) {
            case IngestOutcome.STORED:
                result.complete(null);
                break;
            case IngestOutcome.REFUSED:
                result.completeExceptionally(new BackpressureException("append refused by the grid: " + outcome.message(index),
                        outcome.retryAfterMs(index)));
                break;
            case IngestOutcome.NO_MAJORITY:
                result.completeExceptionally(new NoMajorityException("append refused: no majority: " + outcome.message(index)));
                break;
            default:
                result.completeExceptionally(new CerteusClientException("append failed on the grid: " + outcome.message(index)));
        }
    }
}
