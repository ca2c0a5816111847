package io.certeus.core.shard;

import com.hazelcast.partition.PartitionAware;

import java.util.Objects;
import java.util.UUID;

/**
 * Key of one ingest entry: a batch of events of one {@link IngestLanes lane}, stored on the lane's
 * partition. The batch id is random per flush, so a resent event travels in a new batch and the
 * pipeline's dedupe stage keeps the first copy.
 *
 * <p>Thread-safe: immutable.
 */
public final class IngestKey implements PartitionAware<String> {
    private final UUID batchId;
    private final int lane;

    public IngestKey(UUID batchId, int lane) {
        this.batchId = Objects.requireNonNull(batchId, "batchId");
        this.lane = lane;
    }

    public UUID batchId() {
        return batchId;
    }

    public int lane() {
        return lane;
    }

    /** The lane's partition; an out-of-range lane (only a hostile writer makes one) still maps somewhere valid. */
    @Override
    public String getPartitionKey() {
        return Shards.pinningKey(Math.floorMod(IngestLanes.partitionOf(lane), Shards.SHARD_COUNT));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof IngestKey)) {
            return false;
        }
        IngestKey that = (IngestKey) o;
        return lane == that.lane && batchId.equals(that.batchId);
    }

    @Override
    public int hashCode() {
        return batchId.hashCode();
    }

    @Override
    public String toString() {
        return "IngestKey{batchId=" + batchId + ", lane=" + lane + '}';
    }
}
