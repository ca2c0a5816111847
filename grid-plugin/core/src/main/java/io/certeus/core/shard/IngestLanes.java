package io.certeus.core.shard;

/**
 * Ingest lanes: how appended events are packed into ingest-map entries. Every shard belongs to
 * exactly one lane ({@code shard % LANE_COUNT}); a client flush puts each lane's events as one
 * entry ({@code IngestKey -> EventBatch}) on the lane's partition, so one grid write and one
 * journal slot carry many events instead of one.
 *
 * <p>Why lanes and not shards: with 1000 shards and random cases a flush of 1000 events holds about
 * one event per shard, so per-shard entries would carry one event each; 32 lanes carry about 31.
 * Fewer lanes pack more events per entry; more lanes spread the ingest load over more partitions
 * and refuse appends at a finer grain. 32 keeps several lanes per member on an 8-member grid.
 * Why not "any partition": all events of one shard must flow through one journal partition, so that
 * the chain stage sees them in the same order on every replay (deterministic positions).
 *
 * <p>The lane count is part of the data format, fixed like the partition count: clients and members
 * must agree on it, and the pipeline rejects an event stored in a lane that is not its own.
 *
 * <p>Thread-safe: stateless.
 */
public final class IngestLanes {
    /** Lanes of the ingest map; lane {@code n} lives on partition {@code n}. */
    public static final int LANE_COUNT = 32;
    /** Most events one ingest entry may carry; clients split larger lane groups. */
    public static final int MAX_EVENTS_PER_BATCH = 256;

    private IngestLanes() {
    }

    /** The lane of {@code shard}. */
    public static int laneOf(int shard) {
        return shard % LANE_COUNT;
    }

    /** The partition that stores the entries of {@code lane} (the lane number itself). */
    public static int partitionOf(int lane) {
        return lane;
    }

    public static boolean isLane(int lane) {
        return lane >= 0 && lane < LANE_COUNT;
    }
}
