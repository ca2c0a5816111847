package io.certeus.core.protocol;

import com.hazelcast.client.UndefinedErrorCodeException;

/**
 * Thrown to an appender when the ingest lane it appends to has too many batches waiting for the
 * ledger job (accepting more could let the ingest journal overwrite events the job has not read), or
 * when an admission check (the member's AdmissionChecks) refuses. Retryable: the batch was not stored; retry
 * the same events (same eventIds) after {@link #retryAfterMs()}.
 *
 * <p>A Hazelcast client receives it as {@link UndefinedErrorCodeException} naming this class;
 * {@link #isAppendRefused(Throwable)} recognises both forms.
 *
 * <p>Thread-safe: immutable.
 */
public class AppendRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int lane;
    private final long pending;
    private final long limit;
    private final long retryAfterMs;

    public AppendRefusedException(int lane, long pending, long limit, long retryAfterMs) {
        super("append refused, ledger job is behind on this ingest lane; retry later: lane=" + lane + ", pendingBatches="
                + pending + ", maxPendingBatchesPerLane=" + limit + ", retryAfterMs=" + retryAfterMs);
        this.lane = lane;
        this.pending = pending;
        this.limit = limit;
        this.retryAfterMs = retryAfterMs;
    }

    /** Refused for a reason other than the lane's own lag (a member's AdmissionChecks). */
    public AppendRefusedException(int lane, String reason, long retryAfterMs) {
        super("append refused: " + reason + "; retry later: lane=" + lane + ", retryAfterMs=" + retryAfterMs);
        this.lane = lane;
        this.pending = -1;
        this.limit = -1;
        this.retryAfterMs = retryAfterMs;
    }

    /** True when {@code failure} or one of its causes is this refusal, as thrown on a member or as seen by a client. */
    public static boolean isAppendRefused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AppendRefusedException) {
                return true;
            }
            if (t instanceof UndefinedErrorCodeException
                    && AppendRefusedException.class.getName().equals(((UndefinedErrorCodeException) t).getOriginClassName())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    public int lane() {
        return lane;
    }

    public long pending() {
        return pending;
    }

    public long limit() {
        return limit;
    }

    public long retryAfterMs() {
        return retryAfterMs;
    }

    public boolean isRetryable() {
        return true;
    }
}
