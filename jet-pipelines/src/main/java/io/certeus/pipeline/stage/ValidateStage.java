package io.certeus.pipeline.stage;

import com.hazelcast.jet.Util;
import com.hazelcast.jet.core.metrics.Metrics;
import io.certeus.core.metrics.StageMetrics;
import io.certeus.core.model.Event;
import io.certeus.core.model.RejectedEvent;
import io.certeus.core.shard.EventKey;
import io.certeus.core.shard.IngestLanes;
import io.certeus.core.shard.Shards;
import io.certeus.core.validation.EventValidator;
import io.certeus.core.validation.RejectReason;
import io.certeus.core.validation.Violation;

import java.util.Map;

/**
 * The validate stage's function: the core rules ({@link EventValidator#validateIngested}) plus the
 * check only the pipeline can make, that the event was stored in its own ingest lane (the lane of
 * its caseId's shard; otherwise its chain could be fed from two journal partitions in no fixed
 * order). Returns either {@code (EventKey(eventId, shard), Event)} for an accepted event or the
 * refusal with the specific reason (an entry the ingest stage already refused passes through as
 * its record). Never throws for bad data.
 *
 * <p>A rejected event's time is its ingest time (or 0 if it was never stamped), so a replay writes
 * an identical rejected record.
 *
 * <p>Thread-safe: stateless; the validator is thread-safe.
 */
public final class ValidateStage {
    private ValidateStage() {
    }

    /** The accepted {@code (EventKey, Event)}, or the refusal. Call from a Jet processor (metrics context). */
    public static StageOutcome<Map.Entry<EventKey, Event>> validate(EventValidator validator, IngestedEvent ingested) {
        if (ingested.refusal() != null) {
            Metrics.metric(StageMetrics.VALIDATE_REJECTED).increment();
            return StageOutcome.refused(ingested.recordId(), ingested.refusal());
        }
        Event event = ingested.event();
        Violation violation = validator.validateIngested(event);
        int shard = -1;
        if (violation == null) {
            shard = Shards.shardOf(event.caseId());
            violation = checkLane(ingested.batchKey().lane(), shard, event.caseId());
        }
        if (violation == null) {
            Metrics.metric(StageMetrics.VALIDATE_ACCEPTED).increment();
            return StageOutcome.passed(Util.entry(new EventKey(event.eventId(), shard), event));
        }
        Metrics.metric(StageMetrics.VALIDATE_REJECTED).increment();
        Metrics.metric(StageMetrics.validateRejected(violation.reason())).increment();
        long rejectedAtMicros = event.isIngested() ? event.ingestedAtMicros() : 0L;
        return StageOutcome.refused(ingested.recordId(),
                RejectedEvent.bounded(event, violation.reason().name(), violation.message(), rejectedAtMicros));
    }

    /** The first rule {@code event}, stored in {@code lane}, breaks, or {@code null}; without metrics (benchmarks). */
    public static Violation check(EventValidator validator, int lane, Event event) {
        Violation violation = validator.validateIngested(event);
        return violation != null ? violation : checkLane(lane, Shards.shardOf(event.caseId()), event.caseId());
    }

    /** {@code null} when {@code lane} is the lane of {@code shard}, else the violation. */
    public static Violation checkLane(int lane, int shard, String caseId) {
        int expected = IngestLanes.laneOf(shard);
        if (lane == expected) {
            return null;
        }
        return new Violation(RejectReason.KEY_MISMATCH, "event stored in another ingest lane than its caseId's: lane="
                + lane + ", caseLane=" + expected + ", shard=" + shard + ", caseId=" + caseId);
    }
}
