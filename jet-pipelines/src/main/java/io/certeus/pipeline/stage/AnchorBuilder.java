package io.certeus.pipeline.stage;

import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.merkle.MerkleTree;
import io.certeus.core.model.Anchor;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the next anchor from an {@link AnchorState}: RFC 6962 root over the leaf hashes of every
 * shard head in shard order, chained to the previous anchor hash. The verifier recomputes anchors
 * with the same code path ({@link #rootOf}).
 *
 * <p>Not thread-safe: holds a {@link LedgerHasher}; one per processor or thread.
 */
public final class AnchorBuilder {
    private final LedgerHasher hasher;

    public AnchorBuilder(LedgerHasher hasher) {
        this.hasher = hasher;
    }

    /** The anchor after {@code state}'s previous one, stamped {@code anchoredAtMicros}. */
    public Anchor next(AnchorState state, long anchoredAtMicros) {
        int shards = state.shardCount();
        long[] sizes = state.sizesCopy();
        byte[] heads = new byte[shards * Hashes.HASH_BYTES];
        for (int shard = 0; shard < shards; shard++) {
            System.arraycopy(state.headHash(shard), 0, heads, shard * Hashes.HASH_BYTES, Hashes.HASH_BYTES);
        }
        byte[] root = rootOf(sizes, heads);
        long sequence = state.nextSequence();
        byte[] prev = state.prevAnchorHash();
        byte[] anchorHash = hasher.anchorHash(sequence, anchoredAtMicros, shards, root, prev);
        return new Anchor(sequence, anchoredAtMicros, root, prev, anchorHash, sizes, heads);
    }

    /** Merkle root over heads given as sizes and concatenated 32-byte head hashes. */
    public byte[] rootOf(long[] sizes, byte[] concatenatedHeads) {
        List<byte[]> leaves = new ArrayList<>(sizes.length);
        byte[] head = new byte[Hashes.HASH_BYTES];
        for (int shard = 0; shard < sizes.length; shard++) {
            System.arraycopy(concatenatedHeads, shard * Hashes.HASH_BYTES, head, 0, Hashes.HASH_BYTES);
            leaves.add(hasher.shardHeadLeafHash(shard, sizes[shard], head));
        }
        return MerkleTree.root(leaves);
    }
}
