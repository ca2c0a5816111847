package io.certeus.pipeline.stage;

import com.hazelcast.jet.Util;
import com.hazelcast.jet.core.metrics.Metrics;
import io.certeus.core.model.Event;
import io.certeus.core.model.RejectedEvent;
import io.certeus.core.shard.EventKey;
import io.certeus.core.shard.Shards;
import io.certeus.core.validation.EventValidator;
import io.certeus.core.validation.RejectReason;
import io.certeus.core.validation.Violation;

import java.util.Map;

/**
 * The validate stage's function: the core rules ({@link EventValidator#validateIngested}) plus the
 * two checks only the pipeline can make, that the ingest key matches the event (same eventId, and
 * the shard of its caseId). Returns the key with either the event (accepted) or a
 * {@link RejectedEvent} carrying the specific reason. Never throws for bad data.
 *
 * <p>A rejected event's time is its ingest time (or 0 if it was never stamped), so a replay writes
 * an identical rejected record.
 *
 * <p>Thread-safe: stateless; the validator is thread-safe.
 */
public final class ValidateStage {
    private ValidateStage() {
    }

    /** Key with the accepted {@link Event} or a {@link RejectedEvent}. Call from a Jet processor (metrics context). */
    public static Map.Entry<EventKey, Object> validate(EventValidator validator, Map.Entry<EventKey, Event> entry) {
        Violation violation = check(validator, entry.getKey(), entry.getValue());
        if (violation == null) {
            Metrics.metric(StageMetrics.VALIDATE_ACCEPTED).increment();
            return Util.entry(entry.getKey(), entry.getValue());
        }
        Metrics.metric(StageMetrics.VALIDATE_REJECTED).increment();
        Event event = entry.getValue();
        long rejectedAtMicros = event.isIngested() ? event.ingestedAtMicros() : 0L;
        return Util.entry(entry.getKey(), new RejectedEvent(event, violation.reason().name(), violation.message(), rejectedAtMicros));
    }

    /** The first rule broken, or {@code null}. Allocates only to describe a violation (and for the shard lookup). */
    public static Violation check(EventValidator validator, EventKey key, Event event) {
        Violation violation = validator.validateIngested(event);
        if (violation != null) {
            return violation;
        }
        if (!key.eventId().equals(event.eventId())) {
            return new Violation(RejectReason.KEY_MISMATCH, "eventId does not match its ingest key: keyEventId="
                    + key.eventId() + ", eventId=" + event.eventId());
        }
        int shard = Shards.shardOf(event.caseId());
        if (key.shard() != shard) {
            return new Violation(RejectReason.KEY_MISMATCH, "ingest key shard does not match the caseId's shard: keyShard="
                    + key.shard() + ", caseShard=" + shard + ", caseId=" + event.caseId());
        }
        return null;
    }
}
