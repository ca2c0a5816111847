package io.certeus.member.internal.counters;

import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.Partition;
import io.certeus.core.MapNames;
import io.certeus.core.model.Anchor;
import io.certeus.core.protocol.DurableSizes;

/**
 * Values this member reads from the grid (other members may own them): the newest anchor, the
 * durable watermark lag of the shards it owns, whether the ledger job runs. Each read is one or two
 * small operations: the newest anchor is found once by aggregation, then followed by probing the
 * next sequence; the anchor itself (its shard sizes) is fetched only when it changes.
 *
 * <p>Not thread-safe: one sampler thread. Its reads may block while the grid is in trouble, so it
 * runs apart from the heartbeat.
 */
final class GridReadings {
    /** Sequences probed per sample; anchors are seconds apart, so a sample rarely needs more than one. */
    private static final int MAX_PROBES = 64;

    private final HazelcastInstance member;
    private final boolean ledgerPersisted;
    private Anchor newestAnchor;
    private boolean anchorsSearched;
    private Job job;

    GridReadings(HazelcastInstance member) {
        this.member = member;
        MapStoreConfig store = member.getConfig().getMapConfig(MapNames.LEDGER).getMapStoreConfig();
        this.ledgerPersisted = store.isEnabled() && store.getWriteDelaySeconds() > 0;
    }

    /** Sequence of the newest anchor in the grid, or {@link CerteusCounter#NOT_AVAILABLE} before the first. */
    long newestAnchorSequence() {
        IMap<Long, Anchor> anchors = member.getMap(MapNames.ANCHORS);
        long known = newestAnchor == null ? -1 : newestAnchor.sequence();
        if (!anchorsSearched) {
            Long newest = anchors.aggregate(Aggregators.longMax("sequence"));
            anchorsSearched = true;
            known = newest == null ? -1 : newest;
        }
        for (int i = 0; i < MAX_PROBES && anchors.containsKey(known + 1); i++) {
            known++;
        }
        if (known >= 0 && (newestAnchor == null || newestAnchor.sequence() != known)) {
            Anchor fetched = anchors.get(known);
            if (fetched != null) {
                newestAnchor = fetched;
            }
        }
        return newestAnchor == null ? CerteusCounter.NOT_AVAILABLE : newestAnchor.sequence();
    }

    /**
     * Entries of the shards this member owns, up to the newest anchor's heads, that PostgreSQL does
     * not hold yet by the durable watermark ({@link DurableSizes}); {@link CerteusCounter#NOT_AVAILABLE}
     * without persistence or before the first anchor. Call after {@link #newestAnchorSequence()}.
     */
    long durableLag() {
        if (!ledgerPersisted || newestAnchor == null) {
            return CerteusCounter.NOT_AVAILABLE;
        }
        long[] durable = DurableSizes.read(member.getMap(MapNames.DURABLE));
        long[] anchored = newestAnchor.shardSizes();
        long lag = 0;
        for (Partition partition : member.getPartitionService().getPartitions()) {
            int shard = partition.getPartitionId();
            if (partition.getOwner() != null && partition.getOwner().localMember() && shard < anchored.length
                    && shard < durable.length) {
                lag += Math.max(0, anchored[shard] - durable[shard]);
            }
        }
        return lag;
    }

    /** 1 while the ledger job is RUNNING as this member sees it, else 0 (also when it does not exist). */
    long jobRunning() {
        if (job == null || job.getStatus().isTerminal()) {
            job = member.getJet().getJob(MapNames.LEDGER_JOB); // a resubmitted job has a new id
        }
        return job != null && job.getStatus() == JobStatus.RUNNING ? 1 : 0;
    }
}
