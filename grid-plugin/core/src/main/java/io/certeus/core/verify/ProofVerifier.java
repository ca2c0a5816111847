package io.certeus.core.verify;

import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.merkle.MerkleTree;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.proof.InclusionProof;

import java.util.Arrays;
import java.util.List;

/**
 * Checks an {@link InclusionProof} offline: entry hashes recompute, the segment links up to the
 * anchored head, the head's audit path leads to the anchor's Merkle root, and the anchor hash
 * recomputes from its fields. That alone shows only that the proof is internally consistent: the
 * anchor travels in the proof, so a forger can invent one. Inclusion is proven only when the anchor
 * is also pinned to a trusted, published anchor hash ({@link #verifyAgainst}).
 *
 * The entry and anchor rules are the ledger verifier's ({@link LedgerRules}).
 *
 * <p>Not thread-safe: holds a {@link LedgerHasher}; use one per thread.
 */
public final class ProofVerifier {
    private final LedgerHasher hasher = new LedgerHasher();
    private final LedgerRules rules = new LedgerRules();

    /** What a check established about a proof. */
    public enum Verdict {
        /** Consistent, and its anchor is the trusted (published) anchor: the event is in the ledger that anchor commits to. */
        ANCHORED,
        /**
         * Every hash in the proof recomputes and links up to its anchor, but the anchor itself was not
         * compared with anything trusted: anyone can build such a proof around an invented anchor.
         */
        CONSISTENT_NOT_ANCHORED,
        /** Something in the proof does not recompute or does not link. */
        INVALID
    }

    /** The outcome: a verdict, and why when it is {@link Verdict#INVALID}. */
    public static final class Result {
        private final Verdict verdict;
        private final String field;
        private final long position;
        private final String failure;

        private Result(Verdict verdict, String field, long position, String failure) {
            this.verdict = verdict;
            this.field = field;
            this.position = position;
            this.failure = failure;
        }

        public Verdict verdict() {
            return verdict;
        }

        /** Whether the proof is internally consistent (anchored or not). */
        public boolean consistent() {
            return verdict != Verdict.INVALID;
        }

        /**
         * Internal consistency only, as before trust was checked: a proof around an invented anchor
         * passes. Kept for existing callers.
         *
         * @deprecated use {@link #anchored()} (inclusion proven) or {@link #consistent()}
         */
        @Deprecated
        public boolean valid() {
            return consistent();
        }

        /** Whether the proof holds against a trusted anchor: the only verdict that proves inclusion. */
        public boolean anchored() {
            return verdict == Verdict.ANCHORED;
        }

        /**
         * What does not hold, as data rather than text: an entry field of {@link LedgerRules} ({@code prevHash},
         * {@code hash}, {@code documentHash}, {@code event}), {@code shard}, {@code position} (segment not
         * consecutive), {@code auditPath} (the head is not in the anchor's tree), {@code anchorHash} (it does not
         * recompute, or is not the trusted one); {@code null} unless {@link Verdict#INVALID}.
         */
        public String field() {
            return field;
        }

        /** The position of the segment entry that does not hold, or -1 when the failure is not about one entry. */
        public long position() {
            return position;
        }

        /** Why the proof does not hold, with key=value context; {@code null} unless {@link Verdict#INVALID}. */
        public String failure() {
            return failure;
        }

        @Override
        public String toString() {
            switch (verdict) {
                case ANCHORED:
                    return "valid, anchored to the trusted anchor";
                case CONSISTENT_NOT_ANCHORED:
                    return "internally consistent, not anchored to a trusted anchor";
                default:
                    return "invalid: " + failure;
            }
        }
    }

    /**
     * Checks the proof on its own: {@link Verdict#CONSISTENT_NOT_ANCHORED} at best, because the
     * anchor it carries is taken from the proof itself. Use {@link #verifyAgainst} to prove inclusion.
     */
    public Result verify(InclusionProof proof) {
        List<LedgerEntry> segment = proof.segment();
        LedgerEntry first = segment.get(0);
        int shard = first.shard();
        if (shard < 0 || shard >= proof.shardCount()) {
            return fail("shard", "shard outside the anchor's tree: shard=" + shard + ", shardCount=" + proof.shardCount());
        }
        byte[] expectedPrev = first.prevHash();
        for (int i = 0; i < segment.size(); i++) {
            LedgerEntry entry = segment.get(i);
            if (entry.shard() != shard || entry.position() != first.position() + i) {
                return fail("position", entry.position(), "segment is not consecutive: index=" + i + ", shard=" + entry.shard()
                        + ", position=" + entry.position());
            }
            VerificationFailure broken = rules.checkEntry(entry, expectedPrev);
            if (broken != null) {
                return fail(broken.field(), entry.position(), broken.message() + ", shard=" + shard + ", position="
                        + entry.position() + ", field=" + broken.field());
            }
            expectedPrev = entry.hash();
        }
        LedgerEntry head = segment.get(segment.size() - 1);
        byte[] leaf = hasher.shardHeadLeafHash(shard, head.position() + 1, head.hash());
        if (!MerkleTree.verifyInclusion(shard, proof.shardCount(), leaf, proof.auditPath(), proof.merkleRoot())) {
            return fail("auditPath", "shard head is not in the anchor's Merkle tree: shard=" + shard + ", headPosition="
                    + head.position() + ", anchorSequence=" + proof.anchorSequence());
        }
        VerificationFailure forged = rules.checkAnchorHash(proof.anchorSequence(), proof.anchoredAtMicros(), proof.shardCount(),
                proof.merkleRoot(), proof.prevAnchorHash(), proof.anchorHash());
        if (forged != null) {
            return fail(forged.field(), forged.message() + ", anchorSequence=" + proof.anchorSequence());
        }
        return new Result(Verdict.CONSISTENT_NOT_ANCHORED, null, -1, null);
    }

    /**
     * {@link #verify} plus: the proof's anchor must be the one published with {@code trustedAnchorHash}
     * (for example from {@code certeus anchors export}, obtained independently of the proof).
     */
    public Result verifyAgainst(InclusionProof proof, byte[] trustedAnchorHash) {
        Result result = verify(proof);
        if (!result.consistent()) {
            return result;
        }
        if (!Arrays.equals(trustedAnchorHash, proof.anchorHash())) {
            return fail("anchorHash", "anchor is not the trusted one: anchorSequence=" + proof.anchorSequence() + ", anchorHash="
                    + Hashes.hex(proof.anchorHash()) + ", trusted=" + Hashes.hex(trustedAnchorHash));
        }
        return new Result(Verdict.ANCHORED, null, -1, null);
    }

    private static Result fail(String field, String failure) {
        return fail(field, -1, failure);
    }

    private static Result fail(String field, long position, String failure) {
        return new Result(Verdict.INVALID, field, position, failure);
    }
}
