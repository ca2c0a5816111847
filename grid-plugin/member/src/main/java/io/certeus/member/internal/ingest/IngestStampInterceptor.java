package io.certeus.member.internal.ingest;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.MapInterceptor;
import io.certeus.core.model.EventBatch;
import io.certeus.core.protocol.AppendRefusedException;
import io.certeus.core.shard.IngestLanes;
import io.certeus.member.AdmissionChecks;
import io.certeus.member.MemberContext;

import java.time.Instant;

/**
 * Interceptor on the ingest map, run by the partition's owner before a put is stored (and so before
 * it is journaled and backed up): stamps an {@link EventBatch} with the owner's clock, the ingest
 * time of every event in it (any client value is replaced; the events stay encoded), and refuses a batch with
 * {@link AppendRefusedException} when its lane already has {@code maxPendingBatchesPerLane} batches
 * waiting or an {@link AdmissionChecks admission check} (such as the PostgreSQL backlog) says no.
 * A batch larger than {@link IngestLanes#MAX_EVENTS_PER_BATCH} or outside every lane is refused as
 * malformed, and so is a value that is not a batch (a value that does not deserialize fails before this is called, so
 * it is refused too). Keys are not seen here: the ledger job refuses and removes foreign keys.
 *
 * <p>Registered once per map (the id Hazelcast derives from class name and hash code is the same
 * for every instance), carried to joining members by Hazelcast. Each member's copy reads that
 * member's {@link MemberContext}: its own lanes' lag and its own admission checks.
 *
 * <p>Thread-safe: immutable but for the member context, set once before use; called concurrently from partition threads.
 */
public final class IngestStampInterceptor implements MapInterceptor, HazelcastInstanceAware {
    private static final long serialVersionUID = 3L;

    private final int maxPendingBatchesPerLane;
    private final long retryAfterMs;
    /** The member this copy runs on: set by the installing member, injected by Hazelcast on every other one. */
    private transient volatile MemberContext context;

    /** An interceptor for {@code member}, which installs it; other members get theirs from Hazelcast. */
    public IngestStampInterceptor(HazelcastInstance member, int maxPendingBatchesPerLane, long retryAfterMs) {
        this.maxPendingBatchesPerLane = maxPendingBatchesPerLane;
        this.retryAfterMs = retryAfterMs;
        setHazelcastInstance(member);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance member) {
        this.context = MemberContext.of(member);
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
        if (!IngestLanes.isLane(lane)) {
            // Backpressure is counted per lane: a batch outside every lane would escape it.
            throw new IllegalArgumentException("ingest batch declares no ingest lane: lane=" + lane + ", lanes=" + IngestLanes.LANE_COUNT);
        }
        MemberContext member = requireContext();
        IngestLag lag = member.ingestLag();
        long pending = lag.pendingEstimate(lane);
        if (pending >= maxPendingBatchesPerLane) {
            member.ingestRefusals().recordLaneFull();
            throw new AppendRefusedException(lane, pending, maxPendingBatchesPerLane, retryAfterMs);
        }
        String refusal = member.admissionChecks().firstRefusal();
        if (refusal != null) {
            member.ingestRefusals().recordAdmission();
            throw new AppendRefusedException(lane, refusal, retryAfterMs);
        }
        return batch.withIngestedAtMicros(nowMicros());
    }

    private MemberContext requireContext() {
        MemberContext current = context;
        if (current == null) {
            // Never injected: refuse rather than admit appends no gate accounts for.
            throw new IllegalStateException("ingest interceptor has no member context; was it deserialized outside a member?");
        }
        return current;
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

    /** Counts the batch once it is in the record store, so a lag sample never misses it (see IngestLag). */
    @Override
    public void afterPut(Object value) {
        if (value instanceof EventBatch) {
            requireContext().ingestLag().recordAppend(((EventBatch) value).lane());
        }
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
