package io.certeus.cli.bench;

import com.hazelcast.core.HazelcastInstance;
import io.certeus.core.MapNames;
import io.certeus.postgres.WriteBehindBacklog;

/**
 * How far the grid is behind the appends: events in the ingest map (acknowledged, not yet taken
 * by the pipeline; a pending indicator only) and ledger entries the write-behind has not written to
 * PostgreSQL yet (summed over members). A probe that fails answers -1. Either may take seconds under
 * load: the bench asks it from a {@link BacklogSampler}'s thread only.
 *
 * <p>Thread-safe: stateless apart from the client it asks.
 */
public final class GridProbe implements BacklogProbe {
    private static final long DIRTY_TIMEOUT_MS = 2_000;

    private final HazelcastInstance hazelcast;

    public GridProbe(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public long ingestPending() {
        try {
            return hazelcast.getMap(MapNames.INGEST).size();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public long writeBehindDirty() {
        try {
            return WriteBehindBacklog.clusterDirtyEntries(hazelcast, MapNames.LEDGER, DIRTY_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    public int members() {
        return hazelcast.getCluster().getMembers().size();
    }
}
