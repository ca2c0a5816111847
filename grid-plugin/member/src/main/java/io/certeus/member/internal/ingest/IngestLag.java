package io.certeus.member.internal.ingest;

import io.certeus.core.shard.IngestLanes;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-lane estimate of batches waiting in the ingest map for the ledger job, one table per member
 * ({@link io.certeus.member.MemberContext#ingestLag()}): the member samples the lanes it owns, and its
 * interceptor, which runs only for the partitions it owns, reads them.
 * Estimate = true count at the owner's last sample + appends since. Removals between samples are
 * not subtracted, so the estimate errs high (refusing early), never low; each sample resets it, so
 * it cannot drift across migrations.
 *
 * <p>Thread-safe: lock-free atomic arrays; appends come from partition threads, samples from the
 * owner's sampler thread.
 */
public final class IngestLag {
    private final AtomicLongArray sampled;
    private final AtomicIntegerArray appendedSinceSample;

    public IngestLag() {
        sampled = new AtomicLongArray(IngestLanes.LANE_COUNT);
        appendedSinceSample = new AtomicIntegerArray(IngestLanes.LANE_COUNT);
    }

    /** Batches of {@code lane} waiting for the ledger job, as estimated on the lane's owner. */
    public long pendingEstimate(int lane) {
        return sampled.get(lane) + appendedSinceSample.get(lane);
    }

    void recordAppend(int lane) {
        appendedSinceSample.incrementAndGet(lane);
    }

    /** Appends counted since the last sample; read it before measuring the lane for {@link #recordSample}. */
    int appendsSinceSample(int lane) {
        return appendedSinceSample.get(lane);
    }

    /**
     * Records a measurement of the lane; {@code countedBefore} is {@link #appendsSinceSample} read before
     * measuring. Appends are counted after their batch is stored, so those are in the measurement and
     * only they are taken off the count: an append that lands while the lane is being measured stays
     * counted (perhaps twice until the next sample), so the estimate may run high for a moment but
     * never low, and a full lane is never seen as having room.
     */
    void recordSample(int lane, long pending, int countedBefore) {
        appendedSinceSample.addAndGet(lane, -countedBefore);
        sampled.set(lane, pending);
    }
}
