package io.certeus.pipeline.stage;

import com.hazelcast.jet.core.metrics.Metrics;
import io.certeus.core.metrics.StageMetrics;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerCandidate;
import io.certeus.core.model.RejectedEvent;
import io.certeus.core.validation.RejectReason;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * The rejected record of an eventId reused for other content, or for another case: the
 * idempotency key's one answer to a conflicting resend (refused, recorded, never a silent
 * replacement). Keyed by the event's id, shard and ingest time, so a replay writes the same record.
 *
 * <p>Thread-safe: stateless.
 */
public final class IdempotencyConflicts {
    private IdempotencyConflicts() {
    }

    /** The record of {@code candidate}, refused because {@code why}. Call from a Jet processor (metrics context). */
    public static <T> StageOutcome<T> refusal(LedgerCandidate candidate, String why) {
        Metrics.metric(StageMetrics.IDEMPOTENCY_CONFLICTS).increment();
        Event event = candidate.event();
        ByteBuffer identity = ByteBuffer.allocate(30);
        identity.put((byte) 'C').put((byte) 'F');
        identity.putLong(event.eventId().getMostSignificantBits()).putLong(event.eventId().getLeastSignificantBits());
        identity.putInt(candidate.key().shard()).putLong(event.ingestedAtMicros());
        String message = why + ": eventId=" + event.eventId() + ", shard=" + candidate.key().shard()
                + (candidate.otherContentPosition() != LedgerCandidate.NONE ? ", ledgerPosition=" + candidate.otherContentPosition() : "")
                + (candidate.otherShard() != (int) LedgerCandidate.NONE
                        ? ", ledgerShard=" + candidate.otherShard() + ", ledgerShardPosition=" + candidate.otherShardPosition() : "");
        long rejectedAt = event.isIngested() ? event.ingestedAtMicros() : 0L;
        return StageOutcome.refused(UUID.nameUUIDFromBytes(identity.array()),
                RejectedEvent.bounded(event, RejectReason.EVENT_ID_CONFLICT.name(), message, rejectedAt));
    }
}
