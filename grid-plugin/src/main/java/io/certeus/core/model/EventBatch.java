package io.certeus.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The value of one ingest entry: events of one lane in the order the client queued them. The
 * owning member stamps every event's {@code ingestedAt} once, when the batch is stored.
 *
 * <p>Thread-safe: immutable (the array is never exposed).
 */
public final class EventBatch {
    private final Event[] events;

    public EventBatch(List<Event> events) {
        this(events.toArray(new Event[0]));
    }

    private EventBatch(Event[] events) {
        for (Event event : events) {
            Objects.requireNonNull(event, "event");
        }
        this.events = events;
    }

    /** For deserialization: takes the array without copying it. */
    public static EventBatch wrap(Event[] events) {
        return new EventBatch(events);
    }

    public int size() {
        return events.length;
    }

    public Event get(int index) {
        return events[index];
    }

    /** A copy of the events, for serializers. */
    public Event[] toArray() {
        return events.clone();
    }

    /** The same events, each stamped with {@code nowMicros} as its ingest time. */
    public EventBatch withIngestedAtMicros(long nowMicros) {
        Event[] stamped = new Event[events.length];
        for (int i = 0; i < events.length; i++) {
            stamped[i] = events[i].withIngestedAtMicros(nowMicros);
        }
        return new EventBatch(stamped);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof EventBatch && Arrays.equals(events, ((EventBatch) o).events));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(events);
    }

    @Override
    public String toString() {
        return "EventBatch{events=" + events.length + '}';
    }
}
