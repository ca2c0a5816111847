package io.certeus.core.model;

import io.certeus.core.hash.Hashes;

import java.util.Arrays;
import java.util.Objects;

/**
 * The tip of one shard chain: how many entries the shard holds and the hash of the last one.
 * An empty shard has size 0 and the all-zero hash. Heads are the leaves of an anchor's Merkle tree.
 *
 * <p>Thread-safe: immutable.
 */
public final class ShardHead {
    private final int shard;
    private final long size;
    private final byte[] headHash;

    public ShardHead(int shard, long size, byte[] headHash) {
        this.shard = shard;
        this.size = size;
        this.headHash = Objects.requireNonNull(headHash, "headHash");
    }

    public static ShardHead empty(int shard) {
        return new ShardHead(shard, 0, Hashes.ZERO_HASH);
    }

    public int shard() {
        return shard;
    }

    /** Number of entries in the shard; the head entry sits at position {@code size - 1}. */
    public long size() {
        return size;
    }

    public byte[] headHash() {
        return headHash;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ShardHead)) {
            return false;
        }
        ShardHead that = (ShardHead) o;
        return shard == that.shard && size == that.size && Arrays.equals(headHash, that.headHash);
    }

    @Override
    public int hashCode() {
        return 31 * shard + Long.hashCode(size);
    }

    @Override
    public String toString() {
        return "ShardHead{shard=" + shard + ", size=" + size + ", headHash=" + Hashes.hex(headHash) + '}';
    }
}
