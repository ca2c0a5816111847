package io.certeus.pipeline.verify;

import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.merkle.AnchorCalculator;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.Shards;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies the ledger from any source of rows: give it the anchors first, then every ledger entry in
 * (shard, position) order, then call {@link #finish()}. Reports the first row or anchor that does
 * not verify, naming shard, position (or anchor sequence) and field. Used over the ledger IMap
 * ({@link GridLedgerVerification}) and, by the CLI's offline audit, over rows read from PostgreSQL.
 *
 * <p>Checks: each anchor's Merkle root recomputes from its heads, its hash recomputes, it links to
 * the previous anchor and sequences have no gap; every shard starts at position 0 with no gap, each
 * entry's prevHash is its predecessor's hash and its hash recomputes from its fields (a changed byte
 * in any field shows as {@code hash}; a changed hash also breaks the successor's {@code prevHash});
 * the shard is the caseId's shard; every head an anchor records is a real entry with that hash.
 *
 * <p>Not thread-safe: one verification per instance, fed from one thread.
 */
public final class LedgerVerifier {
    private final LedgerHasher hasher = new LedgerHasher();
    private final Map<Integer, Map<Long, Expectation>> checkpoints = new HashMap<>();
    private final long[] nextPosition = new long[Shards.SHARD_COUNT];
    private final byte[][] lastHash = new byte[Shards.SHARD_COUNT][];
    private int currentShard = -1;
    private long entries;
    private long anchorsChecked;
    private VerificationFailure failure;

    /** Verifies {@code anchors} (any order) and remembers the heads they record for the chain check. */
    public LedgerVerifier(Collection<Anchor> anchors) {
        Arrays.fill(lastHash, Hashes.ZERO_HASH);
        List<Anchor> ordered = new ArrayList<>(anchors);
        ordered.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        AnchorCalculator rebuild = new AnchorCalculator();
        Anchor previous = null;
        for (Anchor anchor : ordered) {
            if (failure == null) {
                failure = checkAnchor(anchor, previous, rebuild);
            }
            if (failure != null) {
                return;
            }
            for (int shard = 0; shard < anchor.shardCount(); shard++) {
                long size = anchor.shardSizes()[shard];
                if (size > 0 && (previous == null || shard >= previous.shardCount() || previous.shardSizes()[shard] != size)) {
                    checkpoints.computeIfAbsent(shard, s -> new HashMap<>())
                            .put(size - 1, new Expectation(anchor.sequence(), anchor.head(shard).headHash()));
                }
            }
            previous = anchor;
            anchorsChecked++;
        }
    }

    private VerificationFailure checkAnchor(Anchor anchor, Anchor previous, AnchorCalculator rebuild) {
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
            }
        }
        byte[] root = rebuild.merkleRoot(anchor.shardSizes(), anchor.headHashes());
        if (!Arrays.equals(root, anchor.merkleRoot())) {
            return VerificationFailure.anchor(sequence, VerificationFailure.NO_SHARD, "merkleRoot",
                    "Merkle root does not recompute from the heads: expected=" + Hashes.hex(root));
        }
        byte[] hash = hasher.anchorHash(sequence, anchor.anchoredAtMicros(), anchor.shardCount(), anchor.merkleRoot(),
                anchor.prevAnchorHash());
        if (!Arrays.equals(hash, anchor.anchorHash())) {
            return VerificationFailure.anchor(sequence, VerificationFailure.NO_SHARD, "anchorHash",
                    "anchor hash does not recompute: expected=" + Hashes.hex(hash));
        }
        return null;
    }

    /** Checks the next row; rows must come in (shard, position) order. Returns false once a failure is found. */
    public boolean accept(LedgerEntry row) {
        if (failure != null) {
            return false;
        }
        failure = check(row);
        entries++;
        return failure == null;
    }

    private VerificationFailure check(LedgerEntry row) {
        int shard = row.shard();
        long position = row.position();
        if (shard < 0 || shard >= Shards.SHARD_COUNT) {
            return VerificationFailure.entry(shard, position, "shard", "shard out of range: shard=" + shard);
        }
        if (shard < currentShard) {
            return VerificationFailure.entry(shard, position, "shard", "rows not in shard order: previousShard="
                    + currentShard);
        }
        currentShard = shard;
        if (position != nextPosition[shard]) {
            return VerificationFailure.entry(shard, position, "position", "gap or repeat in the shard chain: expected="
                    + nextPosition[shard] + ", found=" + position);
        }
        if (!Arrays.equals(lastHash[shard], row.prevHash())) {
            return VerificationFailure.entry(shard, position, "prevHash", "entry does not link to its predecessor: expected="
                    + Hashes.hex(lastHash[shard]) + ", found=" + Hashes.hex(row.prevHash()));
        }
        String caseId = row.event().caseId();
        if (caseId == null || Shards.shardOf(caseId) != shard) {
            return VerificationFailure.entry(shard, position, "caseId", "caseId does not belong to the shard: caseId=" + caseId);
        }
        byte[] recomputed;
        try {
            recomputed = hasher.entryHash(shard, position, row.prevHash(), row.event());
        } catch (RuntimeException e) {
            return VerificationFailure.entry(shard, position, "event", "entry cannot be encoded: " + e.getMessage());
        }
        if (!Arrays.equals(recomputed, row.hash())) {
            return VerificationFailure.entry(shard, position, "hash", "hash does not recompute from the entry's fields: expected="
                    + Hashes.hex(recomputed) + ", found=" + Hashes.hex(row.hash()));
        }
        Map<Long, Expectation> shardCheckpoints = checkpoints.get(shard);
        if (shardCheckpoints != null) {
            Expectation expected = shardCheckpoints.remove(position);
            if (expected != null && !Arrays.equals(expected.headHash, row.hash())) {
                return VerificationFailure.anchor(expected.sequence, shard, "headHashes",
                        "anchor head differs from the ledger entry at position " + position);
            }
        }
        nextPosition[shard] = position + 1;
        lastHash[shard] = row.hash();
        return null;
    }

    /** Ends the run: anchors must not record heads beyond the rows given. */
    public VerificationResult finish() {
        if (failure == null) {
            for (Map.Entry<Integer, Map<Long, Expectation>> shard : checkpoints.entrySet()) {
                for (Map.Entry<Long, Expectation> missing : shard.getValue().entrySet()) {
                    failure = VerificationFailure.anchor(missing.getValue().sequence, shard.getKey(), "shardSizes",
                            "anchor records a head the ledger does not have: position=" + missing.getKey()
                                    + ", shardLength=" + nextPosition[shard.getKey()]);
                    break;
                }
                if (failure != null) {
                    break;
                }
            }
        }
        return new VerificationResult(entries, anchorsChecked, nextPosition.clone(), failure);
    }

    private static final class Expectation {
        final long sequence;
        final byte[] headHash;

        Expectation(long sequence, byte[] headHash) {
            this.sequence = sequence;
            this.headHash = headHash;
        }
    }
}
