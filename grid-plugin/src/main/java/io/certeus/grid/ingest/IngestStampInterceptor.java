package io.certeus.grid.ingest;

import com.hazelcast.map.MapInterceptor;
import io.certeus.core.model.EventBatch;
import io.certeus.core.shard.IngestLanes;

import java.time.Instant;

/**
 * Interceptor on the ingest map, run by the partition's owner before a put is stored (and so before
 * it is journaled and backed up): stamps an {@link EventBatch} with the owner's clock, the ingest
 * time of every event in it (any client value is replaced; the events stay encoded), and refuses a batch with
 * {@link AppendRejectedException} when its lane already has {@code maxPendingBatchesPerLane} batches
 * waiting or an {@link AdmissionChecks admission check} (such as the PostgreSQL backlog) says no.
 * A batch larger than {@link IngestLanes#MAX_EVENTS_PER_BATCH} is refused as malformed, and so is
 * a value that is not a batch (a value that does not deserialize fails before this is called, so
 * it is refused too). Keys are not seen here: the ledger job refuses and removes foreign keys.
 *
 * <p>Registered once per map (the id Hazelcast derives from class name and hash code is the same
 * for every instance), carried to joining members by Hazelcast.
 *
 * <p>Thread-safe: immutable; called concurrently from partition threads.
 */
public final class IngestStampInterceptor implements MapInterceptor {
    private static final long serialVersionUID = 2L;

    private final String clusterName;
    private final int maxPendingBatchesPerLane;
    private final long retryAfterMs;

    public IngestStampInterceptor(String clusterName, int maxPendingBatchesPerLane, long retryAfterMs) {
        this.clusterName = clusterName;
        this.maxPendingBatchesPerLane = maxPendingBatchesPerLane;
        this.retryAfterMs = retryAfterMs;
    }

    @Override
    public Object interceptPut(Object oldValue, Object newValue) {
        if (!(newValue instanceof EventBatch)) {
            // Refused at the door; anything that still reaches the journal (a value of another type
            // written by a path without interceptors) is refused as a foreign entry by the ledger job.
            throw new IllegalArgumentException("certeus-ingest takes EventBatch values only (append with CerteusClient): valueType="
                    + (newValue == null ? "null" : newValue.getClass().getName()));
        }
        EventBatch batch = (EventBatch) newValue;
        if (batch.eventCount() > IngestLanes.MAX_EVENTS_PER_BATCH) {
            throw new IllegalArgumentException("ingest batch too large: events=" + batch.eventCount() + ", max="
                    + IngestLanes.MAX_EVENTS_PER_BATCH);
        }
        int lane = batch.lane();
        if (IngestLanes.isLane(lane)) {
            IngestLag lag = IngestLag.forCluster(clusterName);
            long pending = lag.pendingEstimate(lane);
            if (pending >= maxPendingBatchesPerLane) {
                lag.recordRefusal(lane);
                throw new AppendRejectedException(lane, pending, maxPendingBatchesPerLane, retryAfterMs);
            }
            String refusal = AdmissionChecks.firstRefusal(clusterName);
            if (refusal != null) {
                lag.recordRefusal(lane);
                throw new AppendRejectedException(lane, refusal, retryAfterMs);
            }
            lag.recordAppend(lane);
        }
        return batch.withIngestedAtMicros(nowMicros());
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    @Override
    public Object interceptGet(Object value) {
        return null;
    }

    @Override
    public void afterGet(Object value) {
    }

    @Override
    public void afterPut(Object value) {
    }

    @Override
    public Object interceptRemove(Object removedValue) {
        return null;
    }

    @Override
    public void afterRemove(Object oldValue) {
    }

    /** Same for every instance, so installing from every member registers it once. */
    @Override
    public int hashCode() {
        return IngestStampInterceptor.class.getName().hashCode();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IngestStampInterceptor;
    }
}
