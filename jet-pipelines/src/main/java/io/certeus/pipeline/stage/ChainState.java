package io.certeus.pipeline.stage;

import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;

import java.io.Serializable;

/**
 * The chain stage's state for one shard: the next free position and the hash of the entry before
 * it. Kept as Jet keyed state so it is snapshotted and restored with the journal offsets, which
 * makes a replay assign the same positions and hashes.
 *
 * <p>Not thread-safe: Jet keyed state, used by one processor at a time.
 */
public final class ChainState implements Serializable {
    private static final long serialVersionUID = 1L;

    private long nextPosition;
    private byte[] prevHash = Hashes.ZERO_HASH;

    /** Links {@code event} at the next position of {@code shard} with {@code hasher}; advances the state. */
    public LedgerEntry append(int shard, Event event, LedgerHasher hasher) {
        long position = nextPosition;
        byte[] prev = prevHash;
        byte[] hash = hasher.entryHash(shard, position, prev, event);
        nextPosition = position + 1;
        prevHash = hash;
        return new LedgerEntry(event, shard, position, prev, hash);
    }

    public long nextPosition() {
        return nextPosition;
    }

    public byte[] prevHash() {
        return prevHash;
    }
}
