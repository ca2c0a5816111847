package io.certeus.core.proof;

import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.merkle.MerkleTree;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Assembles an {@link InclusionProof} from an anchor and the chain segment from the proven entry
 * to the head that anchor recorded for the entry's shard.
 *
 * <p>Not thread-safe: holds a {@link LedgerHasher}; use one per thread.
 */
public final class ProofBuilder {
    private final LedgerHasher hasher = new LedgerHasher();

    public InclusionProof build(Anchor anchor, List<LedgerEntry> segment) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("proof segment is empty: anchorSequence=" + anchor.sequence());
        }
        LedgerEntry head = segment.get(segment.size() - 1);
        int shard = head.shard();
        long anchoredSize = anchor.shardSizes()[shard];
        if (head.position() != anchoredSize - 1) {
            throw new IllegalArgumentException("segment does not end at the anchored head: shard=" + shard
                    + ", lastPosition=" + head.position() + ", anchoredSize=" + anchoredSize);
        }
        byte[] anchoredHeadHash = Arrays.copyOfRange(anchor.headHashes(), shard * Hashes.HASH_BYTES,
                (shard + 1) * Hashes.HASH_BYTES);
        if (!Arrays.equals(anchoredHeadHash, head.hash())) {
            throw new IllegalStateException("ledger head differs from the anchored head: shard=" + shard
                    + ", position=" + head.position() + ", anchorSequence=" + anchor.sequence());
        }
        List<byte[]> leaves = new ArrayList<>(anchor.shardCount());
        for (int i = 0; i < anchor.shardCount(); i++) {
            byte[] headHash = Arrays.copyOfRange(anchor.headHashes(), i * Hashes.HASH_BYTES, (i + 1) * Hashes.HASH_BYTES);
            leaves.add(hasher.shardHeadLeafHash(i, anchor.shardSizes()[i], headHash));
        }
        return new InclusionProof(segment, MerkleTree.auditPath(shard, leaves), anchor.sequence(),
                anchor.anchoredAtMicros(), anchor.shardCount(), anchor.merkleRoot(), anchor.prevAnchorHash(),
                anchor.anchorHash());
    }
}
