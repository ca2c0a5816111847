package io.certeus.core.merkle;

import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.model.Anchor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes an anchor from the heads of all shards: the Merkle root over their leaf hashes and the
 * anchor hash chained to the previous anchor (docs/HASHING.md sections 3 to 5).
 *
 * <p>Not thread-safe: holds a {@link LedgerHasher}; use one per thread.
 */
public final class AnchorCalculator {
    private final LedgerHasher hasher = new LedgerHasher();

    /**
     * @param shardSizes entries per shard, indexed by shard
     * @param headHashes head hash per shard, 32 bytes each, concatenated in shard order (zero for empty shards)
     */
    public Anchor anchor(long sequence, long anchoredAtMicros, long[] shardSizes, byte[] headHashes, byte[] prevAnchorHash) {
        byte[] root = merkleRoot(shardSizes, headHashes);
        byte[] anchorHash = hasher.anchorHash(sequence, anchoredAtMicros, shardSizes.length, root, prevAnchorHash);
        return new Anchor(sequence, anchoredAtMicros, root, prevAnchorHash, anchorHash, shardSizes, headHashes);
    }

    public byte[] merkleRoot(long[] shardSizes, byte[] headHashes) {
        List<byte[]> leaves = new ArrayList<>(shardSizes.length);
        for (int shard = 0; shard < shardSizes.length; shard++) {
            byte[] headHash = Arrays.copyOfRange(headHashes, shard * Hashes.HASH_BYTES, (shard + 1) * Hashes.HASH_BYTES);
            leaves.add(hasher.shardHeadLeafHash(shard, shardSizes[shard], headHash));
        }
        return MerkleTree.root(leaves);
    }
}
