package io.certeus.pipeline.stage;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.UUID;

/**
 * The eventIds one shard has seen recently, for the dedupe stage: a FIFO ring of (id, content
 * fingerprint, ingest time) in arrival order plus an open-addressing index over it. An id is
 * forgotten when it is older than the horizon (in ingest-time microseconds, taken from the events
 * themselves, so replay decides identically) or when the ring holds {@code maxIds} newer ids. Older
 * ids are the ledger lookup's job (see {@code PriorEntryLookup}); this window catches repeats that
 * arrive before the first copy is in the ledger.
 *
 * <p>Memory: 32 bytes of ring plus 8 bytes of index per slot; slots grow by doubling up to
 * {@code maxIds} (rounded up to a power of two). The snapshot form holds only live ids (32 bytes each).
 * The hot path ({@link #admit}) allocates nothing once the ring has grown.
 *
 * <p>Not thread-safe: Jet keyed state, used by one processor at a time.
 */
public final class DedupeWindow implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final int INITIAL_SLOTS = 16;

    private final long horizonMicros;
    private final int maxIds;

    private transient long[] msb;
    private transient long[] lsb;
    private transient long[] fingerprints;
    private transient long[] atMicros;
    /** Ring slot + 1 per index cell; 0 marks an empty cell. */
    private transient int[] index;
    private transient int head;
    private transient int size;

    public DedupeWindow(long horizonMicros, int maxIds) {
        if (horizonMicros <= 0 || maxIds < 1) {
            throw new IllegalArgumentException("bad dedupe window: horizonMicros=" + horizonMicros + ", maxIds=" + maxIds);
        }
        this.horizonMicros = horizonMicros;
        this.maxIds = maxIds;
        allocate(Math.min(INITIAL_SLOTS, ceilPow2(maxIds)));
    }

    /** What the window says of an eventId. */
    public enum Admission {
        /** Not in the window: recorded now. */
        NEW,
        /** In the window with the same content fingerprint. */
        REPEAT,
        /** In the window with another content fingerprint: the id was reused for other content. */
        CONFLICT
    }

    /**
     * Records {@code eventId} with {@code fingerprint} seen at {@code ingestedAtMicros}, unless it is
     * already in the window (then the window keeps its first content).
     */
    public Admission admit(UUID eventId, long fingerprint, long ingestedAtMicros) {
        long hi = eventId.getMostSignificantBits();
        long lo = eventId.getLeastSignificantBits();
        long cutoff = ingestedAtMicros - horizonMicros;
        while (size > 0 && atMicros[head] < cutoff) {
            removeOldest();
        }
        int cell = find(hi, lo);
        if (cell >= 0) {
            return fingerprints[index[cell] - 1] == fingerprint ? Admission.REPEAT : Admission.CONFLICT;
        }
        if (size == maxIds) {
            removeOldest();
        }
        if (size == msb.length) {
            grow();
        }
        int slot = (head + size) & (msb.length - 1);
        msb[slot] = hi;
        lsb[slot] = lo;
        fingerprints[slot] = fingerprint;
        atMicros[slot] = ingestedAtMicros;
        insertIndex(slot);
        size++;
        return Admission.NEW;
    }

    /** Ids currently remembered. */
    public int size() {
        return size;
    }

    /** Ring slots allocated (memory grows with these, not with {@link #size()}). */
    public int capacity() {
        return msb.length;
    }

    private int find(long hi, long lo) {
        int mask = index.length - 1;
        int cell = mix(hi, lo) & mask;
        while (true) {
            int value = index[cell];
            if (value == 0) {
                return -1;
            }
            int slot = value - 1;
            if (msb[slot] == hi && lsb[slot] == lo) {
                return cell;
            }
            cell = (cell + 1) & mask;
        }
    }

    private void insertIndex(int slot) {
        int mask = index.length - 1;
        int cell = mix(msb[slot], lsb[slot]) & mask;
        while (index[cell] != 0) {
            cell = (cell + 1) & mask;
        }
        index[cell] = slot + 1;
    }

    private void removeOldest() {
        int slot = head;
        int mask = index.length - 1;
        int cell = mix(msb[slot], lsb[slot]) & mask;
        while (index[cell] != slot + 1) {
            cell = (cell + 1) & mask;
        }
        deleteCell(cell);
        head = (head + 1) & (msb.length - 1);
        size--;
    }

    /** Linear-probing deletion by backward shift: keeps every remaining id reachable without tombstones. */
    private void deleteCell(int cell) {
        int mask = index.length - 1;
        int hole = cell;
        int probe = cell;
        while (true) {
            probe = (probe + 1) & mask;
            int value = index[probe];
            if (value == 0) {
                break;
            }
            int home = mix(msb[value - 1], lsb[value - 1]) & mask;
            boolean staysPut = hole <= probe ? (hole < home && home <= probe) : (hole < home || home <= probe);
            if (!staysPut) {
                index[hole] = value;
                hole = probe;
            }
        }
        index[hole] = 0;
    }

    private void grow() {
        long[] oldMsb = msb;
        long[] oldLsb = lsb;
        long[] oldFingerprints = fingerprints;
        long[] oldAt = atMicros;
        int oldHead = head;
        int count = size;
        int oldMask = oldMsb.length - 1;
        allocate(oldMsb.length * 2);
        for (int i = 0; i < count; i++) {
            int from = (oldHead + i) & oldMask;
            msb[i] = oldMsb[from];
            lsb[i] = oldLsb[from];
            fingerprints[i] = oldFingerprints[from];
            atMicros[i] = oldAt[from];
            insertIndex(i);
        }
        size = count;
    }

    private void allocate(int slots) {
        msb = new long[slots];
        lsb = new long[slots];
        fingerprints = new long[slots];
        atMicros = new long[slots];
        index = new int[slots * 2];
        head = 0;
        size = 0;
    }

    private static int mix(long hi, long lo) {
        long h = hi ^ lo;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    private static int ceilPow2(int value) {
        return value <= 1 ? 1 : Integer.highestOneBit(value - 1) << 1;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeInt(size);
        int mask = msb.length - 1;
        for (int i = 0; i < size; i++) {
            int slot = (head + i) & mask;
            out.writeLong(msb[slot]);
            out.writeLong(lsb[slot]);
            out.writeLong(fingerprints[slot]);
            out.writeLong(atMicros[slot]);
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int count = in.readInt();
        int slots = Math.max(Math.min(INITIAL_SLOTS, ceilPow2(maxIds)), ceilPow2(count));
        allocate(slots);
        for (int i = 0; i < count; i++) {
            msb[i] = in.readLong();
            lsb[i] = in.readLong();
            fingerprints[i] = in.readLong();
            atMicros[i] = in.readLong();
            insertIndex(i);
        }
        size = count;
    }
}
