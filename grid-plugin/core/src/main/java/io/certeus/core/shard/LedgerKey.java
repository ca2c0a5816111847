package io.certeus.core.shard;

/**
 * Key of a ledger entry: its shard and position. Lives on the shard's partition.
 *
 * <p>Thread-safe: immutable.
 */
public final class LedgerKey implements ShardKey {
    private final int shard;
    private final long position;

    public LedgerKey(int shard, long position) {
        this.shard = shard;
        this.position = position;
    }

    @Override
    public int shard() {
        return shard;
    }

    public long position() {
        return position;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LedgerKey)) {
            return false;
        }
        LedgerKey that = (LedgerKey) o;
        return shard == that.shard && position == that.position;
    }

    @Override
    public int hashCode() {
        return 31 * shard + Long.hashCode(position);
    }

    @Override
    public String toString() {
        return "LedgerKey{shard=" + shard + ", position=" + position + '}';
    }
}
