package io.certeus.core.shard;

import io.certeus.core.model.Event;
import io.certeus.core.model.EventBatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Packs queued appends into ingest entries: one batch per {@link IngestLanes lane} touched, in queue
 * order, split at {@link IngestLanes#MAX_EVENTS_PER_BATCH}. The one place that decides which entry
 * an event travels in, used by the client and by tools and tests that write the ingest map.
 *
 * <p>Thread-safe: stateless.
 */
public final class IngestBatches {
    private IngestBatches() {
    }

    /** One lane's share of a flush: the items, in queue order, and the key their batch is stored under. */
    public static final class Part<T> {
        private final IngestKey key;
        private final List<T> items = new ArrayList<>();

        Part(IngestKey key) {
            this.key = key;
        }

        public IngestKey key() {
            return key;
        }

        public List<T> items() {
            return items;
        }

        /** The batch value of these items (their events encoded once). */
        public EventBatch batch(Function<T, Event> eventOf) {
            List<Event> events = new ArrayList<>(items.size());
            for (T item : items) {
                events.add(eventOf.apply(item));
            }
            return EventBatch.of(key.lane(), events);
        }
    }

    /**
     * Splits {@code items} (each carrying an event with a valid caseId) into lane parts with fresh
     * random batch ids.
     */
    public static <T> List<Part<T>> split(List<T> items, Function<T, Event> eventOf) {
        Map<Integer, Part<T>> open = new LinkedHashMap<>();
        List<Part<T>> parts = new ArrayList<>();
        for (T item : items) {
            int lane = IngestLanes.laneOf(Shards.shardOf(eventOf.apply(item).caseId()));
            Part<T> part = open.get(lane);
            if (part == null || part.items.size() == IngestLanes.MAX_EVENTS_PER_BATCH) {
                part = new Part<>(new IngestKey(UUID.randomUUID(), lane));
                open.put(lane, part);
                parts.add(part);
            }
            part.items.add(item);
        }
        return parts;
    }

    /** The ingest entries for {@code events}, ready for a {@code putAll} on the ingest map. */
    public static Map<IngestKey, EventBatch> entries(List<Event> events) {
        Map<IngestKey, EventBatch> entries = new LinkedHashMap<>();
        for (Part<Event> part : split(events, Function.identity())) {
            entries.put(part.key(), part.batch(Function.identity()));
        }
        return entries;
    }
}
