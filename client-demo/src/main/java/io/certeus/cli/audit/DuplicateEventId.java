package io.certeus.cli.audit;

import java.util.UUID;

/**
 * An eventId stored at more than one (shard, position): the idempotency key was chained twice.
 *
 * <p>Thread-safe: immutable; the arrays are never changed after construction.
 */
public final class DuplicateEventId {
    private final UUID eventId;
    private final Integer[] shards;
    private final Long[] positions;

    DuplicateEventId(UUID eventId, Integer[] shards, Long[] positions) {
        this.eventId = eventId;
        this.shards = shards;
        this.positions = positions;
    }

    public UUID eventId() {
        return eventId;
    }

    public int locationCount() {
        return shards.length;
    }

    public int shard(int location) {
        return shards[location];
    }

    public long position(int location) {
        return positions[location];
    }

    /** {@code eventId=... at shard=S position=P, shard=S position=P}. */
    public String describe() {
        StringBuilder text = new StringBuilder("eventId=").append(eventId).append(" at ");
        for (int i = 0; i < shards.length; i++) {
            text.append(i == 0 ? "" : ", ").append("shard=").append(shards[i]).append(" position=").append(positions[i]);
        }
        return text.toString();
    }
}
