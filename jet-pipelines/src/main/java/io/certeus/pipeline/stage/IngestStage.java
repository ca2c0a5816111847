package io.certeus.pipeline.stage;

import com.hazelcast.jet.Traverser;
import com.hazelcast.jet.Traversers;
import com.hazelcast.jet.core.metrics.Metrics;
import io.certeus.core.metrics.StageMetrics;
import io.certeus.core.model.Event;
import io.certeus.core.model.IngestJournalItem;
import io.certeus.core.model.RejectedEvent;
import io.certeus.core.validation.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * The ingest stage's function: unpacks an ingest journal item ({@code IngestKey -> EventBatch}) into
 * its events, in batch order; counts journal gaps as a metric and an error log; turns an entry that
 * is not a CERTEUS batch in its lane, or whose events do not decode, into one rejected record
 * ({@link RejectReason#FOREIGN_ENTRY}) so that foreign data is kept, bounded, and never fails the job.
 *
 * <p>Thread-safe: stateless.
 */
public final class IngestStage {
    private static final Logger LOG = LoggerFactory.getLogger(IngestStage.class);

    private IngestStage() {
    }

    /** The batch's events, or the entry's refusal. Call from a Jet processor (metrics context). */
    public static Traverser<IngestedEvent> read(IngestJournalItem item) {
        if (item.isAfterLostEvents()) {
            Metrics.metric(StageMetrics.INGEST_LOST_EVENT_GAPS).increment();
            LOG.error("certeus ingest: journal events were overwritten before the ledger job read them; "
                    + "events may be missing from the ledger: firstEntryAfterGap={}", item.key());
        }
        if (item.isForeign()) {
            return Traversers.singleton(refuse(item, item.foreignValueData(), item.foreignReason()));
        }
        List<Event> events;
        try {
            events = item.batch().events();
        } catch (IllegalArgumentException malformed) {
            return Traversers.singleton(refuse(item, item.batch().encodedEvents(),
                    "batch events do not decode: " + malformed.getMessage()));
        }
        if (events.size() != item.batch().eventCount()) {
            // The declared count is what the interceptor bounded (256 events per batch): it must be the truth.
            return Traversers.singleton(refuse(item, item.batch().encodedEvents(), "batch declares " + item.batch().eventCount()
                    + " events but holds " + events.size()));
        }
        Metrics.metric(StageMetrics.INGEST_BATCHES).increment();
        Metrics.metric(StageMetrics.INGEST_EVENTS).increment(events.size());
        long latencyMicros = 0;
        for (Event event : events) {
            latencyMicros += StageMetrics.microsSince(event.isIngested() ? event.ingestedAtMicros() : 0);
        }
        Metrics.metric(StageMetrics.INGEST_LATENCY_MICROS).increment(latencyMicros);
        return new Traverser<>() {
            private int nextIndex;

            @Override
            public IngestedEvent next() {
                if (nextIndex >= events.size()) {
                    return null;
                }
                int index = nextIndex++;
                return new IngestedEvent(item.key(), index, events.get(index));
            }
        };
    }

    /**
     * The record of a refused entry: the stored value's bytes as payload (bounded), no event fields.
     * Keyed by a digest of key and value bytes, so a replay writes the same record and different
     * entries never share one.
     */
    private static IngestedEvent refuse(IngestJournalItem item, byte[] valueBytes, String reason) {
        Metrics.metric(StageMetrics.INGEST_FOREIGN_ENTRIES).increment();
        LOG.warn("certeus ingest: refusing an ingest entry that is not a batch of its lane: key={}, keyBytes={}, reason={}",
                item.key(), item.keyData().length, reason);
        byte[] identity = new byte[item.keyData().length + valueBytes.length];
        System.arraycopy(item.keyData(), 0, identity, 0, item.keyData().length);
        System.arraycopy(valueBytes, 0, identity, item.keyData().length, valueBytes.length);
        Event raw = new Event(null, null, null, null, null, null, valueBytes, 0L, Event.NOT_INGESTED);
        String message = "ingest entry refused: " + reason + ", keyBytes=" + item.keyData().length + ", valueBytes=" + valueBytes.length;
        return IngestedEvent.refusedEntry(UUID.nameUUIDFromBytes(identity),
                RejectedEvent.bounded(raw, RejectReason.FOREIGN_ENTRY.name(), message, 0L));
    }
}
