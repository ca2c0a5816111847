package io.certeus.core.verify;

import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.merkle.AnchorCalculator;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;

import java.util.Arrays;

/**
 * The rules a chained entry and an anchor must satisfy (docs/HASHING.md), each answering with the
 * failure or {@code null}: the one home of the checks the ledger verifier and proof verification
 * both make, so a rule cannot differ between them.
 *
 * <p>Not thread-safe: holds a {@link LedgerHasher}; use one per thread.
 */
final class LedgerRules {
    private final LedgerHasher hasher = new LedgerHasher();
    private final AnchorCalculator calculator = new AnchorCalculator();

    /** The entry links to {@code expectedPrevHash} and its hash recomputes from its fields. */
    VerificationFailure checkEntry(LedgerEntry entry, byte[] expectedPrevHash) {
        int shard = entry.shard();
        long position = entry.position();
        if (!Arrays.equals(expectedPrevHash, entry.prevHash())) {
            return VerificationFailure.entry(shard, position, "prevHash", "entry does not link to its predecessor: expected="
                    + Hashes.hex(expectedPrevHash) + ", found=" + Hashes.hex(entry.prevHash()));
        }
        byte[] documentHash = entry.event().documentHash();
        if (documentHash != null && documentHash.length != Hashes.HASH_BYTES) {
            // Named here, not by the encoder's exception: a stored column of any length must be located, not reported as "event".
            return VerificationFailure.entry(shard, position, "documentHash", "document hash is not 32 bytes: length="
                    + documentHash.length);
        }
        byte[] recomputed;
        try {
            recomputed = hasher.entryHash(shard, position, entry.prevHash(), entry.event());
        } catch (RuntimeException e) {
            return VerificationFailure.entry(shard, position, "event", "entry cannot be encoded: " + e.getMessage());
        }
        if (!Arrays.equals(recomputed, entry.hash())) {
            return VerificationFailure.entry(shard, position, "hash", "entry hash does not recompute from its fields: expected="
                    + Hashes.hex(recomputed) + ", found=" + Hashes.hex(entry.hash()));
        }
        return null;
    }

    /** The anchor's Merkle root recomputes from the shard heads it records. */
    VerificationFailure checkMerkleRoot(Anchor anchor) {
        byte[] root = calculator.merkleRoot(anchor.shardSizes(), anchor.headHashes());
        if (!Arrays.equals(root, anchor.merkleRoot())) {
            return VerificationFailure.anchor(anchor.sequence(), VerificationFailure.NO_SHARD, "merkleRoot",
                    "Merkle root does not recompute from the heads: expected=" + Hashes.hex(root));
        }
        return null;
    }

    /** The anchor hash recomputes from the anchor's fields. */
    VerificationFailure checkAnchorHash(long sequence, long anchoredAtMicros, int shardCount, byte[] merkleRoot,
            byte[] prevAnchorHash, byte[] anchorHash) {
        byte[] recomputed = hasher.anchorHash(sequence, anchoredAtMicros, shardCount, merkleRoot, prevAnchorHash);
        if (!Arrays.equals(recomputed, anchorHash)) {
            return VerificationFailure.anchor(sequence, VerificationFailure.NO_SHARD, "anchorHash",
                    "anchor hash does not recompute: expected=" + Hashes.hex(recomputed));
        }
        return null;
    }
}
