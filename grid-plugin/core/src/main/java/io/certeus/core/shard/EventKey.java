package io.certeus.core.shard;

import java.util.Objects;
import java.util.UUID;

/**
 * An accepted event's identity inside the ledger job: its id plus the shard of its case. The
 * pipeline keys dedupe and chain by the shard; events reach the grid in lane batches
 * ({@link IngestKey}), not under this key.
 *
 * <p>Thread-safe: immutable.
 */
public final class EventKey implements ShardKey {
    private final UUID eventId;
    private final int shard;

    public EventKey(UUID eventId, int shard) {
        this.eventId = Objects.requireNonNull(eventId, "eventId");
        this.shard = shard;
    }

    public static EventKey of(UUID eventId, String caseId) {
        return new EventKey(eventId, Shards.shardOf(caseId));
    }

    public UUID eventId() {
        return eventId;
    }

    @Override
    public int shard() {
        return shard;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EventKey)) {
            return false;
        }
        EventKey that = (EventKey) o;
        return shard == that.shard && eventId.equals(that.eventId);
    }

    @Override
    public int hashCode() {
        return eventId.hashCode();
    }

    @Override
    public String toString() {
        return "EventKey{eventId=" + eventId + ", shard=" + shard + '}';
    }
}
