package io.certeus.core.verify;

/**
 * The first place where the ledger does not verify: which shard and position (or anchor
 * sequence), which field, and why.
 *
 * <p>Thread-safe: immutable.
 */
public final class VerificationFailure {
    /** Shard value used when a failure concerns an anchor, not a shard. */
    public static final int NO_SHARD = -1;

    private final int shard;
    private final long position;
    private final long anchorSequence;
    private final String field;
    private final String message;

    private VerificationFailure(int shard, long position, long anchorSequence, String field, String message) {
        this.shard = shard;
        this.position = position;
        this.anchorSequence = anchorSequence;
        this.field = field;
        this.message = message;
    }

    public static VerificationFailure entry(int shard, long position, String field, String message) {
        return new VerificationFailure(shard, position, -1, field, message);
    }

    public static VerificationFailure anchor(long sequence, int shard, String field, String message) {
        return new VerificationFailure(shard, -1, sequence, field, message);
    }

    public int shard() {
        return shard;
    }

    /** Position in the shard, or -1 for an anchor failure. */
    public long position() {
        return position;
    }

    /** Anchor sequence, or -1 for a chain failure. */
    public long anchorSequence() {
        return anchorSequence;
    }

    /** The field that does not verify, e.g. {@code position}, {@code prevHash}, {@code hash}, {@code merkleRoot}. */
    public String field() {
        return field;
    }

    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return "VerificationFailure{shard=" + shard + ", position=" + position + ", anchorSequence=" + anchorSequence
                + ", field=" + field + ", message=" + message + '}';
    }
}
