package io.certeus.client;

import io.certeus.core.verify.VerificationFailure;

/**
 * What the grid returned does not verify against the anchor the client trusts: an anchor that does not
 * extend the trusted one, a proof that does not recompute, or an entry that differs from the proven
 * one. Not retryable: asking again gets the same answer from the same grid; it is evidence of damage or
 * tampering (or of a trusted anchor from another ledger), to be reported, not waited out.
 *
 * <p>Thread-safe: immutable.
 */
public class VerificationException extends CerteusClientException {
    private static final long serialVersionUID = 1L;

    private final long anchorSequence;
    private final int shard;
    private final long position;
    private final String field;

    /**
     * @param anchorSequence the anchor at fault or verified against, -1 when none
     * @param shard the shard at fault, -1 when none
     * @param position the position at fault, -1 when none
     * @param field what does not verify, e.g. {@code prevAnchorHash}, {@code shardSizes}, {@code hash}
     */
    public VerificationException(long anchorSequence, int shard, long position, String field, String message) {
        super(message + ": anchorSequence=" + anchorSequence + (shard >= 0 ? ", shard=" + shard : "")
                + (position >= 0 ? ", position=" + position : "") + ", field=" + field);
        this.anchorSequence = anchorSequence;
        this.shard = shard;
        this.position = position;
        this.field = field;
    }

    static VerificationException of(VerificationFailure failure, long anchorSequence, String context) {
        long sequence = failure.anchorSequence() >= 0 ? failure.anchorSequence() : anchorSequence;
        return new VerificationException(sequence, failure.shard(), failure.position(), failure.field(),
                context + ": " + failure.message());
    }

    /** The anchor sequence at fault (or that was verified against), -1 when none. */
    public long anchorSequence() {
        return anchorSequence;
    }

    /** The shard at fault, -1 when the failure is not about one shard. */
    public int shard() {
        return shard;
    }

    /** The position at fault, -1 when the failure is not about one entry. */
    public long position() {
        return position;
    }

    /** The field that does not verify (the names of docs/PIPELINE.md "Verification"). */
    public String field() {
        return field;
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
