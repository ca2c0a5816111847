package io.certeus.pipeline.stage;

import io.certeus.core.model.Event;
import io.certeus.core.shard.IngestKey;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * One event as the ingest stage unpacks it from an ingest batch: the batch's key (its lane), the
 * event's index in the batch and the event. Travels only on local edges (ingest to validate).
 *
 * <p>Thread-safe: immutable.
 */
public final class IngestedEvent {
    private final IngestKey batchKey;
    private final int index;
    private final Event event;

    public IngestedEvent(IngestKey batchKey, int index, Event event) {
        this.batchKey = batchKey;
        this.index = index;
        this.event = event;
    }

    public IngestKey batchKey() {
        return batchKey;
    }

    public Event event() {
        return event;
    }

    /**
     * The key of this event's rejected record: its eventId, or, when it has none, an id derived from
     * the batch id and the index (the same on every replay).
     */
    public UUID recordId() {
        if (event.eventId() != null) {
            return event.eventId();
        }
        ByteBuffer bytes = ByteBuffer.allocate(20);
        bytes.putLong(batchKey.batchId().getMostSignificantBits()).putLong(batchKey.batchId().getLeastSignificantBits()).putInt(index);
        return UUID.nameUUIDFromBytes(bytes.array());
    }
}
