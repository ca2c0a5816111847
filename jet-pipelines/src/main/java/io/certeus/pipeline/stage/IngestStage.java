package io.certeus.pipeline.stage;

import com.hazelcast.jet.Util;
import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.pipeline.JournalSourceEntry;
import io.certeus.core.model.Event;
import io.certeus.core.shard.EventKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The ingest stage's function: turns a journal entry of the ingest map into a typed
 * {@code (EventKey, Event)} entry, counts journal gaps ({@link JournalSourceEntry#isAfterLostEvents()})
 * as a metric and an error log, and drops (and counts) entries that are not CERTEUS events so that
 * foreign data can never fail the job.
 *
 * <p>Thread-safe: stateless.
 */
public final class IngestStage {
    private static final Logger LOG = LoggerFactory.getLogger(IngestStage.class);

    private IngestStage() {
    }

    /** The typed entry, or {@code null} for an entry to drop. Call from a Jet processor (metrics context). */
    public static Map.Entry<EventKey, Event> read(Map.Entry<?, ?> journalEntry) {
        Metrics.metric(StageMetrics.INGEST_EVENTS).increment();
        Object key = journalEntry.getKey();
        Object value = journalEntry.getValue();
        if (journalEntry instanceof JournalSourceEntry && ((JournalSourceEntry<?, ?>) journalEntry).isAfterLostEvents()) {
            Metrics.metric(StageMetrics.INGEST_LOST_EVENT_GAPS).increment();
            LOG.error("certeus ingest: journal events were overwritten before the ledger job read them; "
                    + "events may be missing from the ledger: firstEntryAfterGap={}, shard={}",
                    key, key instanceof EventKey ? ((EventKey) key).shard() : -1);
        }
        if (!(key instanceof EventKey) || !(value instanceof Event)) {
            Metrics.metric(StageMetrics.INGEST_FOREIGN_ENTRIES).increment();
            LOG.warn("certeus ingest: dropping a journal entry that is not an event: keyType={}, valueType={}",
                    key == null ? "null" : key.getClass().getName(), value == null ? "null" : value.getClass().getName());
            return null;
        }
        return Util.entry((EventKey) key, (Event) value);
    }
}
