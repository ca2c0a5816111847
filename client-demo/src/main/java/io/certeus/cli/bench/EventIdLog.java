package io.certeus.cli.bench;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The id of every event the load sent, by send index, and which were acknowledged: what the
 * PostgreSQL check compares the ledger with. 16 bytes per event plus one bit.
 *
 * <p>Thread-safe: one thread appends ids ({@link #add}); any thread marks acknowledgements; read the
 * acknowledged ids ({@link #forEachAcked}) after the load, once every acknowledgement is in.
 */
public final class EventIdLog {
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK_EVENTS = 1 << CHUNK_BITS;
    private static final int MAX_CHUNKS = 1 << 14;

    private static final class Chunk {
        final long[] mostSignificant = new long[CHUNK_EVENTS];
        final long[] leastSignificant = new long[CHUNK_EVENTS];
        final AtomicLongArray acked = new AtomicLongArray(CHUNK_EVENTS / Long.SIZE);
    }

    private final AtomicReferenceArray<Chunk> chunks = new AtomicReferenceArray<>(MAX_CHUNKS);
    private long size;

    /** Records the next sent event's id; returns its send index. Single writer. */
    public long add(UUID eventId) {
        long index = size;
        int chunkIndex = (int) (index >>> CHUNK_BITS);
        if (chunkIndex >= MAX_CHUNKS) {
            throw new IllegalStateException("too many events for the id log: index=" + index + ", max="
                    + (long) MAX_CHUNKS * CHUNK_EVENTS);
        }
        Chunk chunk = chunks.get(chunkIndex);
        if (chunk == null) {
            chunk = new Chunk();
            chunks.set(chunkIndex, chunk);
        }
        int offset = (int) (index & (CHUNK_EVENTS - 1));
        chunk.mostSignificant[offset] = eventId.getMostSignificantBits();
        chunk.leastSignificant[offset] = eventId.getLeastSignificantBits();
        size = index + 1;
        return index;
    }

    /** Marks the event at {@code index} acknowledged. Any thread, after the {@link #add} that returned it. */
    public void markAcked(long index) {
        Chunk chunk = chunks.get((int) (index >>> CHUNK_BITS));
        int offset = (int) (index & (CHUNK_EVENTS - 1));
        long bit = 1L << (offset & (Long.SIZE - 1));
        chunk.acked.getAndAccumulate(offset / Long.SIZE, bit, (old, b) -> old | b);
    }

    /** Hands every acknowledged event id, in send order, to {@code sink}. */
    public void forEachAcked(long sent, Consumer<UUID> sink) {
        for (long index = 0; index < sent; index++) {
            Chunk chunk = chunks.get((int) (index >>> CHUNK_BITS));
            int offset = (int) (index & (CHUNK_EVENTS - 1));
            if ((chunk.acked.get(offset / Long.SIZE) & (1L << (offset & (Long.SIZE - 1)))) != 0) {
                sink.accept(new UUID(chunk.mostSignificant[offset], chunk.leastSignificant[offset]));
            }
        }
    }
}
