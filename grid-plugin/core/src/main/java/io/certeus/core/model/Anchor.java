package io.certeus.core.model;

import io.certeus.core.hash.Hashes;

import java.util.Arrays;
import java.util.Objects;

/**
 * A checkpoint over every shard head: the RFC 6962 Merkle root of the heads, chained to the
 * previous anchor by {@code prevAnchorHash}. The heads themselves are kept so that inclusion proofs
 * can be built from the anchor alone.
 *
 * <p>Thread-safe: immutable; arrays are shared and never changed after construction.
 */
public final class Anchor {
    private final long sequence;
    private final long anchoredAtMicros;
    private final byte[] merkleRoot;
    private final byte[] prevAnchorHash;
    private final byte[] anchorHash;
    private final long[] shardSizes;
    private final byte[] headHashes;

    /**
     * @param shardSizes entry count of every shard, indexed by shard
     * @param headHashes the head hash of every shard, 32 bytes each, concatenated in shard order
     */
    public Anchor(long sequence, long anchoredAtMicros, byte[] merkleRoot, byte[] prevAnchorHash, byte[] anchorHash,
            long[] shardSizes, byte[] headHashes) {
        this.sequence = sequence;
        this.anchoredAtMicros = anchoredAtMicros;
        this.merkleRoot = Objects.requireNonNull(merkleRoot, "merkleRoot");
        this.prevAnchorHash = Objects.requireNonNull(prevAnchorHash, "prevAnchorHash");
        this.anchorHash = Objects.requireNonNull(anchorHash, "anchorHash");
        this.shardSizes = Objects.requireNonNull(shardSizes, "shardSizes");
        this.headHashes = Objects.requireNonNull(headHashes, "headHashes");
        if (headHashes.length != shardSizes.length * Hashes.HASH_BYTES) {
            throw new IllegalArgumentException("head hashes do not match shard count: shards=" + shardSizes.length
                    + ", headHashBytes=" + headHashes.length);
        }
    }

    public long sequence() {
        return sequence;
    }

    public long anchoredAtMicros() {
        return anchoredAtMicros;
    }

    public byte[] merkleRoot() {
        return merkleRoot;
    }

    public byte[] prevAnchorHash() {
        return prevAnchorHash;
    }

    public byte[] anchorHash() {
        return anchorHash;
    }

    public int shardCount() {
        return shardSizes.length;
    }

    public long[] shardSizes() {
        return shardSizes;
    }

    public byte[] headHashes() {
        return headHashes;
    }

    public ShardHead head(int shard) {
        return new ShardHead(shard, shardSizes[shard],
                Arrays.copyOfRange(headHashes, shard * Hashes.HASH_BYTES, (shard + 1) * Hashes.HASH_BYTES));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Anchor)) {
            return false;
        }
        Anchor that = (Anchor) o;
        return sequence == that.sequence && anchoredAtMicros == that.anchoredAtMicros
                && Arrays.equals(merkleRoot, that.merkleRoot) && Arrays.equals(prevAnchorHash, that.prevAnchorHash)
                && Arrays.equals(anchorHash, that.anchorHash) && Arrays.equals(shardSizes, that.shardSizes)
                && Arrays.equals(headHashes, that.headHashes);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return "Anchor{sequence=" + sequence + ", anchoredAtMicros=" + anchoredAtMicros + ", root="
                + Hashes.hex(merkleRoot) + ", anchorHash=" + Hashes.hex(anchorHash) + '}';
    }
}
