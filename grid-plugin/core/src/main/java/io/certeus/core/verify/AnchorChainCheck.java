package io.certeus.core.verify;

import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.shard.Shards;

import java.util.Arrays;

/**
 * The anchor rules of docs/HASHING.md section 7.6 between an anchor and its predecessor, usable on
 * their own: the ledger verifier applies them to every anchor it is given, and a client that holds a
 * verified anchor applies them to each anchor after it, so "anchor {@code n + 1} extends anchor
 * {@code n}" means the same everywhere. Each check answers with the first failure (the anchor's
 * sequence, the shard where one is at fault, and the field) or {@code null}.
 *
 * <p>Checks, in this order: the anchor covers {@link Shards#SHARD_COUNT} shards ({@code shardCount});
 * its sequence is the predecessor's plus one ({@code sequence}); its {@code prevAnchorHash} is the
 * predecessor's hash (zero for sequence 0); no shard's size is smaller than in the predecessor
 * ({@code shardSizes}) and a shard whose size did not change repeats the predecessor's head hash
 * ({@code headHashes}); its Merkle root recomputes from its heads ({@code merkleRoot}); its hash
 * recomputes from its fields ({@code anchorHash}).
 *
 * <p>What it does not prove: that a head an anchor records is a real ledger entry (only the rows show
 * that: {@link LedgerVerifier}, or an inclusion proof for one shard), nor who made the anchor
 * ({@link AnchorSignatureCheck}).
 *
 * <p>Not thread-safe: holds a {@link LedgerRules}; use one per thread.
 */
public final class AnchorChainCheck {
    private final LedgerRules rules = new LedgerRules();

    /**
     * {@code anchor} on its own: shard count, Merkle root and hash recompute, and sequence 0 links to
     * the zero hash. Says nothing about its place in a chain.
     */
    public VerificationFailure checkAlone(Anchor anchor) {
        return check(anchor, null);
    }

    /** {@code next} extends {@code previous}, which the caller has already verified: every check above. */
    public VerificationFailure checkSuccessor(Anchor previous, Anchor next) {
        return check(next, previous);
    }

    /** Only that {@code anchor}'s hash recomputes from its fields (what a walk along hash links needs). */
    public VerificationFailure checkHash(Anchor anchor) {
        return rules.checkAnchorHash(anchor.sequence(), anchor.anchoredAtMicros(), anchor.shardCount(),
                anchor.merkleRoot(), anchor.prevAnchorHash(), anchor.anchorHash());
    }

    /** Every check of {@code anchor}; the chain checks only when {@code previous} is given. */
    VerificationFailure check(Anchor anchor, Anchor previous) {
        long sequence = anchor.sequence();
        if (anchor.shardCount() != Shards.SHARD_COUNT) {
            return VerificationFailure.anchor(sequence, VerificationFailure.NO_SHARD, "shardCount",
                    "anchor covers the wrong number of shards: shardCount=" + anchor.shardCount());
        }
        long expectedSequence = previous == null ? anchor.sequence() : previous.sequence() + 1;
        if (sequence != expectedSequence) {
            return VerificationFailure.anchor(sequence, VerificationFailure.NO_SHARD, "sequence",
                    "anchor sequence gap: expected=" + expectedSequence + ", found=" + sequence);
        }
        byte[] expectedPrev = previous == null ? null : previous.anchorHash();
        if (expectedPrev == null && sequence == 0) {
            expectedPrev = Hashes.ZERO_HASH;
        }
        if (expectedPrev != null && !Arrays.equals(expectedPrev, anchor.prevAnchorHash())) {
            return VerificationFailure.anchor(sequence, VerificationFailure.NO_SHARD, "prevAnchorHash",
                    "anchor does not link to its predecessor: expected=" + Hashes.hex(expectedPrev) + ", found="
                            + Hashes.hex(anchor.prevAnchorHash()));
        }
        if (previous != null) {
            for (int shard = 0; shard < anchor.shardCount(); shard++) {
                if (anchor.shardSizes()[shard] < previous.shardSizes()[shard]) {
                    return VerificationFailure.anchor(sequence, shard, "shardSizes",
                            "shard head moved backwards: previous=" + previous.shardSizes()[shard] + ", found="
                                    + anchor.shardSizes()[shard]);
                }
                // Only heads that moved are checked against the rows (LedgerVerifier's checkpoints), so an
                // unmoved head must repeat its predecessor's hash.
                if (anchor.shardSizes()[shard] == previous.shardSizes()[shard]
                        && !Arrays.equals(anchor.head(shard).headHash(), previous.head(shard).headHash())) {
                    return VerificationFailure.anchor(sequence, shard, "headHashes",
                            "head hash changed although the shard did not grow: size=" + anchor.shardSizes()[shard]);
                }
            }
        }
        VerificationFailure root = rules.checkMerkleRoot(anchor);
        return root != null ? root : checkHash(anchor);
    }
}
