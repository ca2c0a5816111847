package io.certeus.core.model;

import java.util.Arrays;
import java.util.List;

/**
 * The value of one ingest entry: the events of one ingest lane, in the order the client queued
 * them, kept encoded ({@link EventBatchCodec}) so the member that stores the batch only stamps it:
 * {@code ingestedAtMicros} is set once, by the lane's owner, for every event of the batch.
 *
 * <p>{@link #lane()} and {@link #eventCount()} are what the writer declares; the pipeline checks each
 * decoded event against the ingest key's lane, so a false declaration only misleads the ingest
 * gate's accounting of the writer's own batches.
 *
 * <p>Thread-safe: immutable (the encoded bytes are never exposed for writing).
 */
public final class EventBatch {
    private final int lane;
    private final int eventCount;
    private final long ingestedAtMicros;
    private final byte[] encodedEvents;

    private EventBatch(int lane, int eventCount, long ingestedAtMicros, byte[] encodedEvents) {
        this.lane = lane;
        this.eventCount = eventCount;
        this.ingestedAtMicros = ingestedAtMicros;
        this.encodedEvents = encodedEvents;
    }

    /** A batch of {@code events} for {@code lane}, not stamped yet. */
    public static EventBatch of(int lane, List<Event> events) {
        return new EventBatch(lane, events.size(), Event.NOT_INGESTED, EventBatchCodec.encode(events));
    }

    /** For deserialization: takes the encoded bytes without copying or checking them. */
    public static EventBatch wrap(int lane, int eventCount, long ingestedAtMicros, byte[] encodedEvents) {
        return new EventBatch(lane, eventCount, ingestedAtMicros, encodedEvents == null ? new byte[0] : encodedEvents);
    }

    public int lane() {
        return lane;
    }

    /** The number of events the batch declares. */
    public int eventCount() {
        return eventCount;
    }

    public long ingestedAtMicros() {
        return ingestedAtMicros;
    }

    public boolean isIngested() {
        return ingestedAtMicros != Event.NOT_INGESTED;
    }

    /** The encoded events; callers must not change the array (serializers only). */
    public byte[] encodedEvents() {
        return encodedEvents;
    }

    /**
     * The events, each carrying the batch's ingest time.
     *
     * @throws IllegalArgumentException when the encoded bytes are malformed
     */
    public List<Event> events() {
        return EventBatchCodec.decode(encodedEvents, ingestedAtMicros);
    }

    /** The same events, stamped with {@code nowMicros} as their ingest time; the encoded bytes are shared. */
    public EventBatch withIngestedAtMicros(long nowMicros) {
        return new EventBatch(lane, eventCount, nowMicros, encodedEvents);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EventBatch)) {
            return false;
        }
        EventBatch that = (EventBatch) o;
        return lane == that.lane && eventCount == that.eventCount && ingestedAtMicros == that.ingestedAtMicros
                && Arrays.equals(encodedEvents, that.encodedEvents);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(ingestedAtMicros) + Arrays.hashCode(encodedEvents);
    }

    @Override
    public String toString() {
        return "EventBatch{lane=" + lane + ", events=" + eventCount + ", ingestedAtMicros=" + ingestedAtMicros
                + ", bytes=" + encodedEvents.length + '}';
    }
}
