package io.certeus.grid.ingest;

import com.hazelcast.client.UndefinedErrorCodeException;

/**
 * Thrown to an appender when the shard it appends to has too many events waiting for the ledger job:
 * accepting more could let the ingest journal overwrite events the job has not read. Retryable:
 * nothing was stored; retry the same event (same eventId) after {@link #retryAfterMs()}.
 *
 * <p>A Hazelcast client receives it as {@link UndefinedErrorCodeException} naming this class;
 * {@link #isAppendRejected(Throwable)} recognises both forms.
 *
 * <p>Thread-safe: immutable.
 */
public class AppendRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int shard;
    private final long pending;
    private final long limit;
    private final long retryAfterMs;

    public AppendRejectedException(int shard, long pending, long limit, long retryAfterMs) {
        super("append refused, ledger job is behind on this shard; retry later: shard=" + shard + ", pending=" + pending
                + ", maxPendingPerShard=" + limit + ", retryAfterMs=" + retryAfterMs);
        this.shard = shard;
        this.pending = pending;
        this.limit = limit;
        this.retryAfterMs = retryAfterMs;
    }

    /** Refused for a reason other than the shard's own lag (see {@link AdmissionChecks}). */
    public AppendRejectedException(int shard, String reason, long retryAfterMs) {
        super("append refused: " + reason + "; retry later: shard=" + shard + ", retryAfterMs=" + retryAfterMs);
        this.shard = shard;
        this.pending = -1;
        this.limit = -1;
        this.retryAfterMs = retryAfterMs;
    }

    /** True when {@code failure} or one of its causes is this refusal, as thrown on a member or as seen by a client. */
    public static boolean isAppendRejected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AppendRejectedException) {
                return true;
            }
            if (t instanceof UndefinedErrorCodeException
                    && AppendRejectedException.class.getName().equals(((UndefinedErrorCodeException) t).getOriginClassName())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    public int shard() {
        return shard;
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
