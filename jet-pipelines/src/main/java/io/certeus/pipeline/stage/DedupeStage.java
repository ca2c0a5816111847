package io.certeus.pipeline.stage;

import com.hazelcast.jet.core.metrics.Metrics;
import io.certeus.core.model.Event;
import io.certeus.core.shard.EventKey;

import java.util.Map;

/**
 * The dedupe stage's function over one shard's {@link DedupeWindow}: passes an event whose eventId
 * the shard has not seen within the horizon, and drops (and counts) a repeat.
 *
 * <p>Thread-safe: stateless; the window is per-key state owned by one processor.
 */
public final class DedupeStage {
    private DedupeStage() {
    }

    /** The entry itself when new, {@code null} (nothing emitted) when repeated. Call from a Jet processor (metrics context). */
    public static Map.Entry<EventKey, Event> apply(DedupeWindow window, Map.Entry<EventKey, Event> entry) {
        Event event = entry.getValue();
        if (window.firstSeen(event.eventId(), event.ingestedAtMicros())) {
            Metrics.metric(StageMetrics.DEDUPE_PASSED).increment();
            return entry;
        }
        Metrics.metric(StageMetrics.DEDUPE_DROPPED).increment();
        return null;
    }
}
