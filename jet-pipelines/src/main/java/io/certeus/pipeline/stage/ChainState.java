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
 * <p>A new state has not started: before its first append it takes the shard's head from the job's
 * {@link ChainSeed} ({@link #startAt}). A restored state has started (the flag is {@code false}
 * after deserialisation, also for snapshots written before the flag existed), so a snapshot always
 * wins over the seed.
 *
 * <p>Not thread-safe: Jet keyed state, used by one processor at a time.
 */
public final class ChainState implements Serializable {
    private static final long serialVersionUID = 1L;

    private long nextPosition;
    private byte[] prevHash = Hashes.ZERO_HASH;
    /** True only between construction and the first {@link #startAt} or append; never true in a snapshot. */
    private transient boolean unstarted = true;

    /**
     * Starts a state that has chained nothing yet at {@code shard}'s head in {@code seed} (its size is
     * the next position, its head hash the next {@code prevHash}); does nothing once started
     * (appended to, or restored from a snapshot).
     */
    public void startAt(ChainSeed seed, int shard) {
        if (unstarted) {
            nextPosition = seed.size(shard);
            prevHash = seed.headHash(shard);
            unstarted = false;
        }
    }

    /** Links {@code event} at the next position of {@code shard} with {@code hasher}; advances the state. */
    public LedgerEntry append(int shard, Event event, LedgerHasher hasher) {
        unstarted = false;
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
