package io.certeus.core.model;

import io.certeus.core.hash.Hashes;

import java.util.Arrays;
import java.util.Objects;

/**
 * One link of a shard chain: a validated, ingested event at a gap-free position of its shard,
 * with the hash of its predecessor and its own hash (see {@code docs/HASHING.md}).
 *
 * <p>Thread-safe: immutable; the hash arrays are shared, never changed after construction.
 */
public final class LedgerEntry {
    private final Event event;
    private final int shard;
    private final long position;
    private final byte[] prevHash;
    private final byte[] hash;

    public LedgerEntry(Event event, int shard, long position, byte[] prevHash, byte[] hash) {
        this.event = Objects.requireNonNull(event, "event");
        this.shard = shard;
        this.position = position;
        this.prevHash = Objects.requireNonNull(prevHash, "prevHash");
        this.hash = Objects.requireNonNull(hash, "hash");
    }

    public Event event() {
        return event;
    }

    public int shard() {
        return shard;
    }

    public long position() {
        return position;
    }

    public byte[] prevHash() {
        return prevHash;
    }

    public byte[] hash() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LedgerEntry)) {
            return false;
        }
        LedgerEntry that = (LedgerEntry) o;
        return shard == that.shard
                && position == that.position
                && Arrays.equals(prevHash, that.prevHash)
                && Arrays.equals(hash, that.hash)
                && event.equals(that.event);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * shard + Long.hashCode(position)) + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "LedgerEntry{shard=" + shard + ", position=" + position + ", hash=" + Hashes.hex(hash) + ", " + event + '}';
    }
}
