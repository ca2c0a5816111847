package io.certeus.grid.ingest;

import io.certeus.core.shard.IngestLanes;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-lane estimate of batches waiting in the ingest map for the ledger job, one table per cluster
 * in this JVM, shared by that cluster's members here (each lane's partition is owned by one member,
 * and only its owner writes its cells). Keyed by cluster name so that several clusters in one JVM (tests,
 * local tools) never count each other's events.
 * Estimate = true count at the owner's last sample + appends since. Removals between samples are
 * not subtracted, so the estimate errs high (refusing early), never low; each sample resets it, so
 * it cannot drift across migrations.
 *
 * <p>Thread-safe: lock-free atomic arrays; appends come from partition threads, samples from the
 * owner's sampler thread.
 */
public final class IngestLag {
    private static final ConcurrentMap<String, IngestLag> BY_CLUSTER = new ConcurrentHashMap<>();

    private final AtomicLongArray sampled;
    private final AtomicIntegerArray appendedSinceSample;
    private final AtomicLongArray refusals;

    IngestLag(int lanes) {
        sampled = new AtomicLongArray(lanes);
        appendedSinceSample = new AtomicIntegerArray(lanes);
        refusals = new AtomicLongArray(lanes);
    }

    /** The table of {@code clusterName}'s members in this JVM. */
    public static IngestLag forCluster(String clusterName) {
        return BY_CLUSTER.computeIfAbsent(clusterName, name -> new IngestLag(IngestLanes.LANE_COUNT));
    }

    /** Batches of {@code lane} waiting for the ledger job, as estimated on the lane's owner. */
    public long pendingEstimate(int lane) {
        return sampled.get(lane) + appendedSinceSample.get(lane);
    }

    /** Batches refused on {@code lane} by this JVM since it started. */
    public long refusals(int lane) {
        return refusals.get(lane);
    }

    /** Batches refused by this JVM, all lanes. */
    public long totalRefusals() {
        long total = 0;
        for (int i = 0; i < refusals.length(); i++) {
            total += refusals.get(i);
        }
        return total;
    }

    void recordAppend(int lane) {
        appendedSinceSample.incrementAndGet(lane);
    }

    void recordRefusal(int lane) {
        refusals.incrementAndGet(lane);
    }

    void recordSample(int lane, long pending) {
        appendedSinceSample.set(lane, 0);
        sampled.set(lane, pending);
    }
}
