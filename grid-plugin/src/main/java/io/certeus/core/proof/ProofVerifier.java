package io.certeus.core.proof;

import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.merkle.MerkleTree;
import io.certeus.core.model.LedgerEntry;

import java.util.Arrays;
import java.util.List;

/**
 * Checks an {@link InclusionProof} offline: entry hashes recompute, the segment links up to the
 * anchored head, the head's audit path leads to the anchor's Merkle root, and the anchor hash
 * recomputes from its fields. Optionally pins the anchor to a published anchor hash.
 *
 * <p>Not thread-safe: holds a {@link LedgerHasher}; use one per thread.
 */
public final class ProofVerifier {
    private final LedgerHasher hasher = new LedgerHasher();

    /** The outcome: {@code null} failure means the proof holds. */
    public static final class Result {
        private final String failure;

        private Result(String failure) {
            this.failure = failure;
        }

        public boolean valid() {
            return failure == null;
        }

        /** Why the proof does not hold, with key=value context; {@code null} when valid. */
        public String failure() {
            return failure;
        }

        @Override
        public String toString() {
            return valid() ? "valid" : "invalid: " + failure;
        }
    }

    public Result verify(InclusionProof proof) {
        List<LedgerEntry> segment = proof.segment();
        LedgerEntry first = segment.get(0);
        int shard = first.shard();
        byte[] expectedPrev = first.prevHash();
        for (int i = 0; i < segment.size(); i++) {
            LedgerEntry entry = segment.get(i);
            if (entry.shard() != shard || entry.position() != first.position() + i) {
                return fail("segment is not consecutive: index=" + i + ", shard=" + entry.shard() + ", position="
                        + entry.position());
            }
            if (!Arrays.equals(entry.prevHash(), expectedPrev)) {
                return fail("segment does not link: shard=" + shard + ", position=" + entry.position() + ", field=prevHash");
            }
            byte[] recomputed = hasher.entryHash(shard, entry.position(), entry.prevHash(), entry.event());
            if (!Arrays.equals(recomputed, entry.hash())) {
                return fail("entry hash does not recompute: shard=" + shard + ", position=" + entry.position()
                        + ", stored=" + Hashes.hex(entry.hash()) + ", recomputed=" + Hashes.hex(recomputed));
            }
            expectedPrev = entry.hash();
        }
        if (shard < 0 || shard >= proof.shardCount()) {
            return fail("shard outside the anchor's tree: shard=" + shard + ", shardCount=" + proof.shardCount());
        }
        LedgerEntry head = segment.get(segment.size() - 1);
        byte[] leaf = hasher.shardHeadLeafHash(shard, head.position() + 1, head.hash());
        if (!MerkleTree.verifyInclusion(shard, proof.shardCount(), leaf, proof.auditPath(), proof.merkleRoot())) {
            return fail("shard head is not in the anchor's Merkle tree: shard=" + shard + ", headPosition="
                    + head.position() + ", anchorSequence=" + proof.anchorSequence());
        }
        byte[] anchorHash = hasher.anchorHash(proof.anchorSequence(), proof.anchoredAtMicros(), proof.shardCount(),
                proof.merkleRoot(), proof.prevAnchorHash());
        if (!Arrays.equals(anchorHash, proof.anchorHash())) {
            return fail("anchor hash does not recompute: anchorSequence=" + proof.anchorSequence());
        }
        return new Result(null);
    }

    /** {@link #verify} plus: the anchor must be the one published with {@code trustedAnchorHash}. */
    public Result verifyAgainst(InclusionProof proof, byte[] trustedAnchorHash) {
        Result result = verify(proof);
        if (result.valid() && !Arrays.equals(trustedAnchorHash, proof.anchorHash())) {
            return fail("anchor is not the trusted one: anchorSequence=" + proof.anchorSequence() + ", anchorHash="
                    + Hashes.hex(proof.anchorHash()) + ", trusted=" + Hashes.hex(trustedAnchorHash));
        }
        return result;
    }

    private static Result fail(String failure) {
        return new Result(failure);
    }
}
