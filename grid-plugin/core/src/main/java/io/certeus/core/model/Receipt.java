package io.certeus.core.model;

import io.certeus.core.hash.Hashes;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * Proof of acceptance handed back to the appender: where an event landed and its entry hash.
 *
 * <p>Thread-safe: immutable.
 */
public final class Receipt {
    private final UUID eventId;
    private final String caseId;
    private final int shard;
    private final long position;
    private final byte[] hash;

    public Receipt(UUID eventId, String caseId, int shard, long position, byte[] hash) {
        this.eventId = Objects.requireNonNull(eventId, "eventId");
        this.caseId = Objects.requireNonNull(caseId, "caseId");
        this.shard = shard;
        this.position = position;
        this.hash = Objects.requireNonNull(hash, "hash");
    }

    public static Receipt of(LedgerEntry entry) {
        return new Receipt(entry.event().eventId(), entry.event().caseId(), entry.shard(), entry.position(), entry.hash());
    }

    public UUID eventId() {
        return eventId;
    }

    public String caseId() {
        return caseId;
    }

    public int shard() {
        return shard;
    }

    public long position() {
        return position;
    }

    public byte[] hash() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Receipt)) {
            return false;
        }
        Receipt that = (Receipt) o;
        return shard == that.shard && position == that.position && eventId.equals(that.eventId)
                && caseId.equals(that.caseId) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return eventId.hashCode();
    }

    @Override
    public String toString() {
        return "Receipt{eventId=" + eventId + ", caseId=" + caseId + ", shard=" + shard + ", position=" + position
                + ", hash=" + Hashes.hex(hash) + '}';
    }
}
