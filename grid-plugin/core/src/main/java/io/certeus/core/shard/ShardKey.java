package io.certeus.core.shard;

import com.hazelcast.partition.PartitionAware;

/**
 * A map key that belongs to one shard and is stored on that shard's partition.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface ShardKey extends PartitionAware<String> {
    int shard();

    @Override
    default String getPartitionKey() {
        return Shards.pinningKey(shard());
    }
}
