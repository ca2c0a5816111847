package io.certeus.grid.ingest;

import io.certeus.core.shard.Shards;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-shard estimate of events waiting in the ingest map for the ledger job, one table per cluster
 * in this JVM, shared by that cluster's members here (each shard is owned by one member, and only
 * its owner writes its cells). Keyed by cluster name so that several clusters in one JVM (tests,
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

    IngestLag(int shards) {
        sampled = new AtomicLongArray(shards);
        appendedSinceSample = new AtomicIntegerArray(shards);
        refusals = new AtomicLongArray(shards);
    }

    /** The table of {@code clusterName}'s members in this JVM. */
    public static IngestLag forCluster(String clusterName) {
        return BY_CLUSTER.computeIfAbsent(clusterName, name -> new IngestLag(Shards.SHARD_COUNT));
    }

    /** Events of {@code shard} waiting for the ledger job, as estimated on the shard's owner. */
    public long pendingEstimate(int shard) {
        return sampled.get(shard) + appendedSinceSample.get(shard);
    }

    /** Appends refused on {@code shard} by this JVM since it started. */
    public long refusals(int shard) {
        return refusals.get(shard);
    }

    /** Appends refused by this JVM, all shards. */
    public long totalRefusals() {
        long total = 0;
        for (int i = 0; i < refusals.length(); i++) {
            total += refusals.get(i);
        }
        return total;
    }

    void recordAppend(int shard) {
        appendedSinceSample.incrementAndGet(shard);
    }

    void recordRefusal(int shard) {
        refusals.incrementAndGet(shard);
    }

    void recordSample(int shard, long pending) {
        appendedSinceSample.set(shard, 0);
        sampled.set(shard, pending);
    }
}
