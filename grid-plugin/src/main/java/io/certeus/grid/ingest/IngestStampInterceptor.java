package io.certeus.grid.ingest;

import com.hazelcast.map.MapInterceptor;
import io.certeus.core.model.Event;
import io.certeus.core.shard.Shards;
import io.certeus.core.validation.EventValidator;

import java.time.Instant;

/**
 * Interceptor on the ingest map, run by the partition's owner before a put is stored (and so before
 * it is journaled and backed up): stamps {@code ingestedAt} with the owner's clock, keeps the first
 * stamp when the same event is put again (a client retry), and refuses a new event with
 * {@link AppendRejectedException} when its shard already has {@code maxPendingPerShard} events waiting
 * or an {@link AdmissionChecks admission check} (such as the PostgreSQL backlog) says no.
 * Any {@code ingestedAt} a client sent is replaced.
 *
 * <p>Registered once per map (the id Hazelcast derives from class name and hash code is the same
 * for every instance), carried to joining members by Hazelcast.
 *
 * <p>Thread-safe: immutable; called concurrently from partition threads.
 */
public final class IngestStampInterceptor implements MapInterceptor {
    private static final long serialVersionUID = 1L;

    private final String clusterName;
    private final int maxPendingPerShard;
    private final long retryAfterMs;

    public IngestStampInterceptor(String clusterName, int maxPendingPerShard, long retryAfterMs) {
        this.clusterName = clusterName;
        this.maxPendingPerShard = maxPendingPerShard;
        this.retryAfterMs = retryAfterMs;
    }

    @Override
    public Object interceptPut(Object oldValue, Object newValue) {
        if (!(newValue instanceof Event)) {
            return newValue;
        }
        Event event = (Event) newValue;
        if (oldValue instanceof Event) {
            Event old = (Event) oldValue;
            if (old.isIngested() && old.eventId() != null && old.eventId().equals(event.eventId())) {
                return old;
            }
        }
        if (EventValidator.isValidCaseId(event.caseId())) {
            int shard = Shards.shardOf(event.caseId());
            IngestLag lag = IngestLag.forCluster(clusterName);
            long pending = lag.pendingEstimate(shard);
            if (pending >= maxPendingPerShard) {
                lag.recordRefusal(shard);
                throw new AppendRejectedException(shard, pending, maxPendingPerShard, retryAfterMs);
            }
            String refusal = AdmissionChecks.firstRefusal(clusterName);
            if (refusal != null) {
                lag.recordRefusal(shard);
                throw new AppendRejectedException(shard, refusal, retryAfterMs);
            }
            lag.recordAppend(shard);
        }
        return event.withIngestedAtMicros(nowMicros());
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
