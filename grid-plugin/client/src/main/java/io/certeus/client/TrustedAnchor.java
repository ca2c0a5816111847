package io.certeus.client;

import io.certeus.core.hash.Hashes;

import java.util.Arrays;
import java.util.Objects;

/**
 * Where a client's trust starts: an anchor's sequence and hash obtained apart from the grid (a
 * published {@code certeus anchors export}, an auditor, or what {@link VerifiedReads#trusted()} returned
 * before a restart), or {@link #trustOnFirstUse()}. Its text form is {@code SEQUENCE:HEX}.
 *
 * <p>Thread-safe: immutable.
 */
public final class TrustedAnchor {
    private static final TrustedAnchor ON_FIRST_USE = new TrustedAnchor(-1, null);

    private final long sequence;
    private final byte[] anchorHash;

    private TrustedAnchor(long sequence, byte[] anchorHash) {
        this.sequence = sequence;
        this.anchorHash = anchorHash;
    }

    /** Anchor {@code sequence} has hash {@code anchorHash} (32 bytes). */
    public static TrustedAnchor of(long sequence, byte[] anchorHash) {
        Objects.requireNonNull(anchorHash, "anchorHash");
        if (sequence < 0) {
            throw new IllegalArgumentException("anchor sequence must be 0 or more: sequence=" + sequence);
        }
        if (anchorHash.length != Hashes.HASH_BYTES) {
            throw new IllegalArgumentException("anchor hash must be 32 bytes: length=" + anchorHash.length);
        }
        return new TrustedAnchor(sequence, anchorHash.clone());
    }

    /** Parses {@code SEQUENCE:HEX} (a decimal sequence, 64 hex digits), as {@link #toString()} writes it. */
    public static TrustedAnchor parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("trusted anchor must be SEQUENCE:HEX: text=" + text);
        }
        long sequence;
        byte[] hash;
        try {
            sequence = Long.parseLong(text.substring(0, colon));
            hash = Hashes.fromHex(text.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trusted anchor must be SEQUENCE:HEX (decimal, 64 hex digits): text=" + text, e);
        }
        return of(sequence, hash);
    }

    /**
     * Trusts whatever the grid's newest anchor is when the client starts, after checking only that it
     * is well formed (its Merkle root and hash recompute). Weaker than {@link #of}: a grid that is
     * already rewritten at that moment is believed; only what happens after it is checked against it.
     */
    public static TrustedAnchor trustOnFirstUse() {
        return ON_FIRST_USE;
    }

    public boolean isTrustOnFirstUse() {
        return this == ON_FIRST_USE;
    }

    /** The anchor sequence; -1 for {@link #trustOnFirstUse()}. */
    public long sequence() {
        return sequence;
    }

    /** A copy of the anchor hash; {@code null} for {@link #trustOnFirstUse()}. */
    public byte[] anchorHash() {
        return anchorHash == null ? null : anchorHash.clone();
    }

    boolean hashEquals(byte[] other) {
        return Arrays.equals(anchorHash, other);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TrustedAnchor)) {
            return false;
        }
        TrustedAnchor that = (TrustedAnchor) o;
        return sequence == that.sequence && Arrays.equals(anchorHash, that.anchorHash);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence);
    }

    /** {@code SEQUENCE:HEX}, which {@link #parse} reads; {@code trust-on-first-use} for that one. */
    @Override
    public String toString() {
        return isTrustOnFirstUse() ? "trust-on-first-use" : sequence + ":" + Hashes.hex(anchorHash);
    }
}
