package io.certeus.core.verify;

/**
 * Outcome of a verification: rows and anchors checked, each shard's verified length, and the first
 * failure (or none).
 *
 * <p>Thread-safe: immutable (the lengths array is a private copy exposed read-only by convention).
 */
public final class VerificationResult {
    private final long entriesChecked;
    private final long anchorsChecked;
    private final long[] shardLengths;
    private final VerificationFailure failure;

    public VerificationResult(long entriesChecked, long anchorsChecked, long[] shardLengths, VerificationFailure failure) {
        this.entriesChecked = entriesChecked;
        this.anchorsChecked = anchorsChecked;
        this.shardLengths = shardLengths;
        this.failure = failure;
    }

    public boolean ok() {
        return failure == null;
    }

    public long entriesChecked() {
        return entriesChecked;
    }

    public long anchorsChecked() {
        return anchorsChecked;
    }

    public long shardLength(int shard) {
        return shardLengths[shard];
    }

    /** The first failure, or {@code null} when everything verified. */
    public VerificationFailure failure() {
        return failure;
    }

    @Override
    public String toString() {
        return "VerificationResult{ok=" + ok() + ", entries=" + entriesChecked + ", anchors=" + anchorsChecked
                + (failure == null ? "" : ", failure=" + failure) + '}';
    }
}
