package io.certeus.pipeline.stage;

import io.certeus.core.model.Event;
import io.certeus.core.model.RejectedEvent;
import io.certeus.core.shard.IngestKey;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * What the ingest stage hands to validate: one event unpacked from an ingest batch (the batch's key,
 * so its lane, the event's index in the batch, and the event), or an ingest entry refused as a whole
 * (foreign, or a batch that does not decode) with its ready rejected record. Travels only on local
 * edges (ingest to validate).
 *
 * <p>Thread-safe: immutable.
 */
public final class IngestedEvent {
    private final IngestKey batchKey;
    private final int index;
    private final Event event;
    private final UUID refusedRecordId;
    private final RejectedEvent refusal;

    public IngestedEvent(IngestKey batchKey, int index, Event event) {
        this(batchKey, index, event, null, null);
    }

    private IngestedEvent(IngestKey batchKey, int index, Event event, UUID refusedRecordId, RejectedEvent refusal) {
        this.batchKey = batchKey;
        this.index = index;
        this.event = event;
        this.refusedRecordId = refusedRecordId;
        this.refusal = refusal;
    }

    /** An ingest entry refused before its events could be read, recorded under {@code recordId}. */
    public static IngestedEvent refusedEntry(UUID recordId, RejectedEvent refusal) {
        return new IngestedEvent(null, -1, null, recordId, refusal);
    }

    /** The batch's key; {@code null} for a {@link #refusedEntry}. */
    public IngestKey batchKey() {
        return batchKey;
    }

    /** The event; {@code null} for a {@link #refusedEntry}. */
    public Event event() {
        return event;
    }

    /** The ready rejected record of a {@link #refusedEntry}, else {@code null}. */
    public RejectedEvent refusal() {
        return refusal;
    }

    /**
     * The key of this item's rejected record: for an event, an id derived from the batch id and the
     * event's index (the same on every replay, and distinct for every event sent, so two refused
     * events with one eventId are both kept); for a refused entry, the id it was given.
     */
    public UUID recordId() {
        if (refusedRecordId != null) {
            return refusedRecordId;
        }
        ByteBuffer bytes = ByteBuffer.allocate(20);
        bytes.putLong(batchKey.batchId().getMostSignificantBits()).putLong(batchKey.batchId().getLeastSignificantBits()).putInt(index);
        return UUID.nameUUIDFromBytes(bytes.array());
    }
}
