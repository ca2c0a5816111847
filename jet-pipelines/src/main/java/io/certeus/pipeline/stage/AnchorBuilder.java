package io.certeus.pipeline.stage;

import io.certeus.core.hash.Hashes;
import io.certeus.core.merkle.AnchorCalculator;
import io.certeus.core.model.Anchor;

/**
 * Builds the next anchor from an {@link AnchorState} with the core's {@link AnchorCalculator}
 * (RFC 6962 root over every shard head, chained to the previous anchor). The verifier recomputes
 * roots through the same calculator ({@link #rootOf}).
 *
 * <p>Not thread-safe: holds a calculator; one per processor or thread.
 */
public final class AnchorBuilder {
    private final AnchorCalculator calculator = new AnchorCalculator();

    /** The anchor after {@code state}'s previous one, stamped {@code anchoredAtMicros}. */
    public Anchor next(AnchorState state, long anchoredAtMicros) {
        int shards = state.shardCount();
        byte[] heads = new byte[shards * Hashes.HASH_BYTES];
        for (int shard = 0; shard < shards; shard++) {
            System.arraycopy(state.headHash(shard), 0, heads, shard * Hashes.HASH_BYTES, Hashes.HASH_BYTES);
        }
        return calculator.anchor(state.nextSequence(), anchoredAtMicros, state.sizesCopy(), heads, state.prevAnchorHash());
    }

    /** Merkle root over heads given as sizes and concatenated 32-byte head hashes. */
    public byte[] rootOf(long[] sizes, byte[] concatenatedHeads) {
        return calculator.merkleRoot(sizes, concatenatedHeads);
    }
}
