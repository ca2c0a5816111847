package io.certeus.core.model;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The wire layout of the events of one ingest batch ({@link EventBatch}), version 1: the one
 * description of these bytes. Events travel and wait in the ingest map in this form, so the member
 * that stamps a batch never decodes its events; only the pipeline's ingest stage does, once.
 *
 * <p>Big-endian. {@code len} fields are signed 32-bit byte counts; -1 marks an absent (null) value.
 *
 * <pre>
 * batch   | version u8 = 1 | eventCount i32 | event * eventCount |
 * event   0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +---------------+-----------------------------------------------+
 *        | hasEventId u8 |  eventId: most significant 64 bits, then least |
 *        +---------------+   (16 bytes, zero when absent)                 |
 *        +---------------------------------------------------------------+
 *        |  occurredAtMicros (i64)                                       |
 *        +---------------------------------------------------------------+
 *        |  caseId   (len i32 | UTF-8)                                   |
 *        |  type     (len i32 | UTF-8)                                   |
 *        |  actor    (len i32 | UTF-8)                                   |
 *        |  sourceIp (len i32 | UTF-8)                                   |
 *        |  documentHash (len i32 | bytes)                               |
 *        |  payload  (len i32 | bytes, exactly as submitted)             |
 *        +---------------------------------------------------------------+
 * </pre>
 * The ingest time is not in the events: it is the batch's, stamped once by the owning member.
 *
 * <p>Thread-safe: stateless.
 */
public final class EventBatchCodec {
    public static final byte VERSION = 1;
    private static final int ABSENT = -1;
    private static final int FIXED_EVENT_BYTES = 1 + 16 + 8 + 6 * 4;

    private EventBatchCodec() {
    }

    /** The encoded form of {@code events}, in order. */
    public static byte[] encode(List<Event> events) {
        byte[][] strings = new byte[events.size() * 4][];
        int size = 1 + 4;
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            strings[i * 4] = utf8(event.caseId());
            strings[i * 4 + 1] = utf8(event.type());
            strings[i * 4 + 2] = utf8(event.actor());
            strings[i * 4 + 3] = utf8(event.sourceIp());
            size += FIXED_EVENT_BYTES + length(strings[i * 4]) + length(strings[i * 4 + 1]) + length(strings[i * 4 + 2])
                    + length(strings[i * 4 + 3]) + length(event.documentHash()) + length(event.payload());
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(VERSION).putInt(events.size());
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            UUID id = event.eventId();
            out.put((byte) (id == null ? 0 : 1));
            out.putLong(id == null ? 0 : id.getMostSignificantBits()).putLong(id == null ? 0 : id.getLeastSignificantBits());
            out.putLong(event.occurredAtMicros());
            for (int s = 0; s < 4; s++) {
                putBytes(out, strings[i * 4 + s]);
            }
            putBytes(out, event.documentHash());
            putBytes(out, event.payload());
        }
        return out.array();
    }

    /**
     * The events of {@code encoded}, each with {@code ingestedAtMicros} as its ingest time.
     *
     * @throws IllegalArgumentException when the bytes are not a batch of this layout (with the reason and offset)
     */
    public static List<Event> decode(byte[] encoded, long ingestedAtMicros) {
        ByteBuffer in = ByteBuffer.wrap(encoded);
        try {
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown ingest batch version: version=" + version + ", expected=" + VERSION);
            }
            int count = in.getInt();
            if (count < 0 || (long) count * FIXED_EVENT_BYTES > in.remaining()) {
                throw new IllegalArgumentException("ingest batch event count out of range: eventCount=" + count
                        + ", bytes=" + encoded.length);
            }
            List<Event> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                boolean hasId = in.get() != 0;
                long high = in.getLong();
                long low = in.getLong();
                long occurredAtMicros = in.getLong();
                String caseId = string(in);
                String type = string(in);
                String actor = string(in);
                String sourceIp = string(in);
                byte[] documentHash = bytes(in);
                byte[] payload = bytes(in);
                events.add(new Event(hasId ? new UUID(high, low) : null, caseId, type, actor, sourceIp, documentHash, payload,
                        occurredAtMicros, ingestedAtMicros));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("ingest batch has bytes after its events: trailingBytes=" + in.remaining());
            }
            return events;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("ingest batch truncated: bytes=" + encoded.length + ", offset=" + in.position());
        }
    }


    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static int length(byte[] value) {
        return value == null ? 0 : value.length;
    }

    private static void putBytes(ByteBuffer out, byte[] value) {
        if (value == null) {
            out.putInt(ABSENT);
        } else {
            out.putInt(value.length).put(value);
        }
    }

    private static byte[] bytes(ByteBuffer in) {
        int length = in.getInt();
        if (length == ABSENT) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("ingest batch field length out of range: length=" + length + ", offset="
                    + in.position() + ", remaining=" + in.remaining());
        }
        byte[] value = new byte[length];
        in.get(value);
        return value;
    }

    private static String string(ByteBuffer in) {
        byte[] value = bytes(in);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
