package io.certeus.core.model;

import io.certeus.core.shard.EventKey;

import java.util.Objects;

/**
 * An accepted event on its way to be chained, with what the ledger already holds under its eventId
 * (looked up in the grid and its archive before the event reached its shard's chain): the lowest
 * position in the event's own shard that holds the id with the same content, the lowest that holds
 * it with other content, and one other shard that holds it. The chain stage compares positions
 * with its own head to tell a repeat or a conflict from its own entries of a run it rolled back.
 *
 * <p>Thread-safe: immutable.
 */
public final class LedgerCandidate {
    /** No such entry. */
    public static final long NONE = -1;

    private final EventKey key;
    private final Event event;
    private final long sameContentPosition;
    private final long otherContentPosition;
    private final int otherShard;
    private final long otherShardPosition;

    public LedgerCandidate(EventKey key, Event event, long sameContentPosition, long otherContentPosition, int otherShard,
            long otherShardPosition) {
        this.key = Objects.requireNonNull(key, "key");
        this.event = Objects.requireNonNull(event, "event");
        this.sameContentPosition = sameContentPosition;
        this.otherContentPosition = otherContentPosition;
        this.otherShard = otherShard;
        this.otherShardPosition = otherShardPosition;
    }

    public EventKey key() {
        return key;
    }

    public Event event() {
        return event;
    }

    /** Lowest position in {@code key().shard()} holding this eventId with the same content, or {@link #NONE}. */
    public long sameContentPosition() {
        return sameContentPosition;
    }

    /** Lowest position in {@code key().shard()} holding this eventId with other content, or {@link #NONE}. */
    public long otherContentPosition() {
        return otherContentPosition;
    }

    /** A shard other than {@code key().shard()} holding this eventId, or {@link #NONE}. */
    public int otherShard() {
        return otherShard;
    }

    /** The position of this eventId in {@link #otherShard()}, or {@link #NONE}. */
    public long otherShardPosition() {
        return otherShardPosition;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LedgerCandidate)) {
            return false;
        }
        LedgerCandidate that = (LedgerCandidate) o;
        return sameContentPosition == that.sameContentPosition && otherContentPosition == that.otherContentPosition
                && otherShard == that.otherShard && otherShardPosition == that.otherShardPosition && key.equals(that.key)
                && event.equals(that.event);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "LedgerCandidate{key=" + key + ", sameContentPosition=" + sameContentPosition + ", otherContentPosition="
                + otherContentPosition + ", otherShard=" + otherShard + ", otherShardPosition=" + otherShardPosition + '}';
    }
}
