package io.certeus.pipeline.stage;

import com.hazelcast.jet.Traverser;
import com.hazelcast.jet.Traversers;
import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.pipeline.JournalSourceEntry;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventBatch;
import io.certeus.core.shard.IngestKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * The ingest stage's function: unpacks a journal entry of the ingest map ({@code IngestKey ->
 * EventBatch}) into its events, in batch order; counts journal gaps
 * ({@link JournalSourceEntry#isAfterLostEvents()}) as a metric and an error log; drops (and counts)
 * entries that are not CERTEUS batches so that foreign data can never fail the job.
 *
 * <p>Thread-safe: stateless.
 */
public final class IngestStage {
    private static final Logger LOG = LoggerFactory.getLogger(IngestStage.class);

    private IngestStage() {
    }

    /** The batch's events, or nothing for an entry to drop. Call from a Jet processor (metrics context). */
    public static Traverser<IngestedEvent> read(Map.Entry<?, ?> journalEntry) {
        Object key = journalEntry.getKey();
        Object value = journalEntry.getValue();
        if (journalEntry instanceof JournalSourceEntry && ((JournalSourceEntry<?, ?>) journalEntry).isAfterLostEvents()) {
            Metrics.metric(StageMetrics.INGEST_LOST_EVENT_GAPS).increment();
            LOG.error("certeus ingest: journal events were overwritten before the ledger job read them; "
                    + "events may be missing from the ledger: firstEntryAfterGap={}, lane={}",
                    key, key instanceof IngestKey ? ((IngestKey) key).lane() : "unknown");
        }
        if (!(key instanceof IngestKey) || !(value instanceof EventBatch)) {
            Metrics.metric(StageMetrics.INGEST_FOREIGN_ENTRIES).increment();
            LOG.warn("certeus ingest: dropping a journal entry that is not an ingest batch: keyType={}, valueType={}",
                    key == null ? "null" : key.getClass().getName(), value == null ? "null" : value.getClass().getName());
            return Traversers.empty();
        }
        IngestKey batchKey = (IngestKey) key;
        List<Event> events;
        try {
            events = ((EventBatch) value).events();
        } catch (IllegalArgumentException malformed) {
            Metrics.metric(StageMetrics.INGEST_FOREIGN_ENTRIES).increment();
            LOG.warn("certeus ingest: dropping an ingest batch whose events do not decode: key={}, reason={}", key,
                    malformed.getMessage());
            return Traversers.empty();
        }
        Metrics.metric(StageMetrics.INGEST_BATCHES).increment();
        Metrics.metric(StageMetrics.INGEST_EVENTS).increment(events.size());
        return new Traverser<>() {
            private int nextIndex;

            @Override
            public IngestedEvent next() {
                if (nextIndex >= events.size()) {
                    return null;
                }
                int index = nextIndex++;
                return new IngestedEvent(batchKey, index, events.get(index));
            }
        };
    }
}
