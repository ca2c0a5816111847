package io.certeus.pipeline.stage;

import io.certeus.core.hash.Hashes;
import io.certeus.core.merkle.AnchorCalculator;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.ShardHead;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What the anchor stage knows: the newest head of every shard, whether any moved since the last
 * anchor, and the tip of the anchor chain (next sequence, previous anchor hash and time).
 * Heads only move forward: an update that is not beyond the known size is ignored, which makes
 * replayed entries and adopted anchors harmless.
 *
 * <p>Not thread-safe: owned by one anchor processor; snapshotted by copy.
 */
public final class AnchorState implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] sizes;
    private final byte[][] headHashes;
    private long nextSequence;
    private byte[] prevAnchorHash = Hashes.ZERO_HASH;
    private long lastAnchoredAtMicros;
    private boolean dirty;

    public AnchorState(int shardCount) {
        sizes = new long[shardCount];
        headHashes = new byte[shardCount][];
        Arrays.fill(headHashes, Hashes.ZERO_HASH);
    }

    private AnchorState(AnchorState other) {
        sizes = other.sizes.clone();
        headHashes = other.headHashes.clone();
        nextSequence = other.nextSequence;
        prevAnchorHash = other.prevAnchorHash;
        lastAnchoredAtMicros = other.lastAnchoredAtMicros;
        dirty = other.dirty;
    }

    /**
     * The state a fresh job starts from: the seeded heads ({@code sizes}, head hashes 32 bytes per
     * shard), then continuing after {@code newest} (null: no anchor yet). Dirty when a seeded head is
     * beyond the newest anchor, so the unanchored tail is anchored at the next due time.
     */
    static AnchorState seeded(long[] sizes, byte[] concatenatedHeads, Anchor newest) {
        AnchorState state = new AnchorState(sizes.length);
        for (int shard = 0; shard < sizes.length; shard++) {
            if (sizes[shard] > 0) {
                state.sizes[shard] = sizes[shard];
                state.headHashes[shard] = Arrays.copyOfRange(concatenatedHeads, shard * Hashes.HASH_BYTES,
                        (shard + 1) * Hashes.HASH_BYTES);
            }
        }
        long[] anchored = newest == null ? new long[sizes.length] : newest.shardSizes();
        if (newest != null) {
            state.adopt(newest);
        }
        for (int shard = 0; shard < sizes.length; shard++) {
            if (state.sizes[shard] > anchored[shard]) {
                state.dirty = true;
                break;
            }
        }
        return state;
    }

    public AnchorState copy() {
        return new AnchorState(this);
    }

    /** Moves a shard's head forward; returns false when the update is not newer than what is known. */
    public boolean advance(ShardHead head) {
        int shard = head.shard();
        if (head.size() <= sizes[shard]) {
            return false;
        }
        sizes[shard] = head.size();
        headHashes[shard] = head.headHash();
        dirty = true;
        return true;
    }

    /** Continues after {@code anchor}, a written anchor newer than this state; heads move forward to it. */
    public void adopt(Anchor anchor) {
        if (anchor.shardCount() != sizes.length) {
            throw new IllegalStateException("anchor shard count differs: anchorShards=" + anchor.shardCount()
                    + ", shards=" + sizes.length + ", sequence=" + anchor.sequence());
        }
        long[] anchorSizes = anchor.shardSizes();
        for (int shard = 0; shard < sizes.length; shard++) {
            if (anchorSizes[shard] > sizes[shard]) {
                ShardHead head = anchor.head(shard);
                sizes[shard] = head.size();
                headHashes[shard] = head.headHash();
            }
        }
        nextSequence = anchor.sequence() + 1;
        prevAnchorHash = anchor.anchorHash();
        lastAnchoredAtMicros = Math.max(lastAnchoredAtMicros, anchor.anchoredAtMicros());
    }

    /** Records that {@code anchor} was emitted: it becomes the previous anchor. */
    public void anchored(Anchor anchor) {
        nextSequence = anchor.sequence() + 1;
        prevAnchorHash = anchor.anchorHash();
        lastAnchoredAtMicros = anchor.anchoredAtMicros();
        dirty = false;
    }

    public int shardCount() {
        return sizes.length;
    }

    public long size(int shard) {
        return sizes[shard];
    }

    public byte[] headHash(int shard) {
        return headHashes[shard];
    }

    /**
     * The anchor after this state's previous one, stamped {@code anchoredAtMicros}: {@code calculator}'s
     * RFC 6962 root over every shard head, chained to the previous anchor.
     */
    public Anchor nextAnchor(AnchorCalculator calculator, long anchoredAtMicros) {
        byte[] heads = new byte[headHashes.length * Hashes.HASH_BYTES];
        for (int shard = 0; shard < headHashes.length; shard++) {
            System.arraycopy(headHashes[shard], 0, heads, shard * Hashes.HASH_BYTES, Hashes.HASH_BYTES);
        }
        return calculator.anchor(nextSequence(), anchoredAtMicros, sizesCopy(), heads, prevAnchorHash());
    }

    public long[] sizesCopy() {
        return sizes.clone();
    }

    public long nextSequence() {
        return nextSequence;
    }

    public byte[] prevAnchorHash() {
        return prevAnchorHash;
    }

    public long lastAnchoredAtMicros() {
        return lastAnchoredAtMicros;
    }

    public boolean dirty() {
        return dirty;
    }
}
