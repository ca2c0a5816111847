package io.certeus.pipeline.stage;

import com.hazelcast.jet.core.metrics.Metrics;
import io.certeus.core.hash.EventContent;
import io.certeus.core.metrics.StageMetrics;
import io.certeus.core.model.LedgerCandidate;

/**
 * The dedupe stage's function over one shard's {@link DedupeWindow}: passes a candidate whose
 * eventId the shard has not seen within the window, drops (and counts) a repeat with the same
 * content, and turns a resend with other content into an {@link IdempotencyConflicts conflict record}.
 *
 * <p>Thread-safe: one {@link EventContent} per thread; the window is per-key state owned by one processor.
 */
public final class DedupeStage {
    private static final ThreadLocal<EventContent> CONTENT = ThreadLocal.withInitial(EventContent::new);

    private DedupeStage() {
    }

    /**
     * The candidate passed on when new, refused for a conflict, {@code null} (nothing emitted) for a
     * repeat. Call from a Jet processor (metrics context).
     */
    public static StageOutcome<LedgerCandidate> apply(DedupeWindow window, LedgerCandidate candidate) {
        long fingerprint = CONTENT.get().fingerprint(candidate.event());
        switch (window.admit(candidate.event().eventId(), fingerprint, candidate.event().ingestedAtMicros())) {
            case NEW:
                Metrics.metric(StageMetrics.DEDUPE_PASSED).increment();
                return StageOutcome.passed(candidate);
            case REPEAT:
                Metrics.metric(StageMetrics.DEDUPE_DROPPED).increment();
                return null;
            default:
                return IdempotencyConflicts.refusal(candidate, "eventId resent with other content within the dedupe window");
        }
    }
}
