package io.certeus.pipeline;

import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.shard.Shards;
import io.certeus.pipeline.stage.ChainSeed;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChainSeedReaderTest {
    @Test
    void everyShardTheNewestAnchorCoversBeyondTheLedgerIsNamedNotOnlyTheFirst() {
        long[] anchored = new long[Shards.SHARD_COUNT];
        anchored[3] = 10;
        anchored[7] = 5;
        anchored[999] = 2;
        long[] seeded = anchored.clone();
        seeded[3] = 4;   // 6 anchored entries missing
        seeded[999] = 0; // the whole shard missing
        Anchor newest = new Anchor(12, 1_000, new byte[32], new byte[32], new byte[32], anchored,
                new byte[Shards.SHARD_COUNT * Hashes.HASH_BYTES]);
        ChainSeed seed = ChainSeed.of(seeded, new byte[Shards.SHARD_COUNT * Hashes.HASH_BYTES], null);

        assertThat(ChainSeedReader.shardsBehindAnchor(seed, newest)).containsExactly("3:4<10", "999:0<2");
        assertThat(ChainSeedReader.shardsBehindAnchor(seed, null)).isEmpty();
    }
}
