package io.certeus.pipeline.stage;

import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.shard.Shards;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The ledger as it stood when a fresh ledger job was submitted: every shard's size and head hash,
 * and the tip of the anchor chain. The chain stage starts a shard it has no state for at that
 * shard's size with the head hash as {@code prevHash}; the anchor stage starts from these heads and
 * continues after the newest anchor. Travels inside the job (Java-serialised with the DAG).
 *
 * <p>Head hashes are one array: shard {@code s} at bytes {@code [s * 32, s * 32 + 32)}; a shard of
 * size 0 has the zero hash.
 *
 * <p>Thread-safe: immutable (arrays are copied in and never handed out).
 */
public final class ChainSeed implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] sizes;
    private final byte[] headHashes;
    private final AnchorState anchorState;

    private ChainSeed(long[] sizes, byte[] headHashes, AnchorState anchorState) {
        this.sizes = sizes;
        this.headHashes = headHashes;
        this.anchorState = anchorState;
    }

    /** An empty ledger: every shard at position 0, no anchor. */
    public static ChainSeed empty() {
        return of(new long[Shards.SHARD_COUNT], new byte[Shards.SHARD_COUNT * Hashes.HASH_BYTES], null);
    }

    /**
     * @param sizes        entries per shard ({@value Shards#SHARD_COUNT} values, none negative)
     * @param headHashes   the hash of each shard's last entry, 32 bytes per shard (ignored for size 0)
     * @param newestAnchor the anchor with the highest sequence, or {@code null} when none was written
     */
    public static ChainSeed of(long[] sizes, byte[] headHashes, Anchor newestAnchor) {
        int shards = Shards.SHARD_COUNT;
        if (sizes.length != shards || headHashes.length != shards * Hashes.HASH_BYTES) {
            throw new IllegalArgumentException("chain seed has the wrong shape: sizes=" + sizes.length + ", headHashBytes="
                    + headHashes.length + ", shards=" + shards + ", hashBytes=" + Hashes.HASH_BYTES);
        }
        long[] sizesCopy = sizes.clone();
        byte[] headsCopy = headHashes.clone();
        for (int shard = 0; shard < shards; shard++) {
            if (sizesCopy[shard] < 0) {
                throw new IllegalArgumentException("chain seed size negative: shard=" + shard + ", size=" + sizesCopy[shard]);
            }
            if (sizesCopy[shard] == 0) {
                Arrays.fill(headsCopy, shard * Hashes.HASH_BYTES, (shard + 1) * Hashes.HASH_BYTES, (byte) 0);
            }
        }
        return new ChainSeed(sizesCopy, headsCopy, AnchorState.seeded(sizesCopy, headsCopy, newestAnchor));
    }

    /** Entries in {@code shard} at submission = the position its next entry gets. */
    public long size(int shard) {
        return sizes[shard];
    }

    /** A copy of the hash of {@code shard}'s last entry (zero hash when the shard is empty). */
    public byte[] headHash(int shard) {
        return Arrays.copyOfRange(headHashes, shard * Hashes.HASH_BYTES, (shard + 1) * Hashes.HASH_BYTES);
    }

    /** A fresh copy of the anchor stage's starting state. */
    public AnchorState anchorState() {
        return anchorState.copy();
    }

    /** Sum of all shard sizes. */
    public long entries() {
        long total = 0;
        for (long size : sizes) {
            total += size;
        }
        return total;
    }

    @Override
    public String toString() {
        int nonEmpty = 0;
        for (long size : sizes) {
            if (size > 0) {
                nonEmpty++;
            }
        }
        return "ChainSeed{entries=" + entries() + ", nonEmptyShards=" + nonEmpty + ", nextAnchorSequence="
                + anchorState.nextSequence() + '}';
    }
}
