package io.certeus.core.shard;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardsTest {
    @Test
    void everyShardHasAPinningKeyOnItsOwnPartition() {
        Set<String> keys = new HashSet<>();
        for (int shard = 0; shard < Shards.SHARD_COUNT; shard++) {
            String key = Shards.pinningKey(shard);
            assertThat(Shards.partitionOf(key, Shards.SHARD_COUNT)).as("shard %d", shard).isEqualTo(shard);
            keys.add(key);
        }
        assertThat(keys).hasSize(Shards.SHARD_COUNT);
    }

    @Test
    void keysOfAShardPartitionOnThatShard() {
        int shard = Shards.shardOf("ABC-123456");
        assertThat(new LedgerKey(shard, 17).getPartitionKey()).isEqualTo(Shards.pinningKey(shard));
        assertThat(EventKey.of(java.util.UUID.randomUUID(), "ABC-123456").shard()).isEqualTo(shard);
    }

    @Test
    void casesSpreadOverAllShards() {
        Set<Integer> shards = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            shards.add(Shards.shardOf(String.format("CAS-%06d", i)));
        }
        assertThat(shards).hasSize(Shards.SHARD_COUNT);
    }

    @Test
    void refusesShardOutOfRange() {
        assertThatThrownBy(() -> Shards.checkShard(1000)).hasMessage("shard out of range: shard=1000, shardCount=1000");
    }
}
