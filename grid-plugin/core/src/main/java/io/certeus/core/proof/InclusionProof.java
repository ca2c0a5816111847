package io.certeus.core.proof;

import io.certeus.core.model.LedgerEntry;

import java.util.List;
import java.util.Objects;

/**
 * Everything needed to check, offline and without a grid or database, that an event is in the
 * ledger as of an anchor (docs/HASHING.md section 6): the chain segment from the event up to the
 * shard head the anchor recorded, the Merkle audit path of that head, and the anchor's fields.
 *
 * <p>Thread-safe: immutable; arrays and lists are shared and never changed after construction.
 */
public final class InclusionProof {
    private final List<LedgerEntry> segment;
    private final List<byte[]> auditPath;
    private final long anchorSequence;
    private final long anchoredAtMicros;
    private final int shardCount;
    private final byte[] merkleRoot;
    private final byte[] prevAnchorHash;
    private final byte[] anchorHash;

    /**
     * @param segment entries of one shard, from the proven event (first) to the anchored head (last)
     */
    public InclusionProof(List<LedgerEntry> segment, List<byte[]> auditPath, long anchorSequence, long anchoredAtMicros,
            int shardCount, byte[] merkleRoot, byte[] prevAnchorHash, byte[] anchorHash) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("proof segment must hold at least the proven entry");
        }
        this.segment = List.copyOf(segment);
        this.auditPath = List.copyOf(auditPath);
        this.anchorSequence = anchorSequence;
        this.anchoredAtMicros = anchoredAtMicros;
        this.shardCount = shardCount;
        this.merkleRoot = Objects.requireNonNull(merkleRoot, "merkleRoot");
        this.prevAnchorHash = Objects.requireNonNull(prevAnchorHash, "prevAnchorHash");
        this.anchorHash = Objects.requireNonNull(anchorHash, "anchorHash");
    }

    /** The entry being proven. */
    public LedgerEntry entry() {
        return segment.get(0);
    }

    public List<LedgerEntry> segment() {
        return segment;
    }

    public List<byte[]> auditPath() {
        return auditPath;
    }

    public long anchorSequence() {
        return anchorSequence;
    }

    public long anchoredAtMicros() {
        return anchoredAtMicros;
    }

    public int shardCount() {
        return shardCount;
    }

    public byte[] merkleRoot() {
        return merkleRoot;
    }

    public byte[] prevAnchorHash() {
        return prevAnchorHash;
    }

    public byte[] anchorHash() {
        return anchorHash;
    }
}
