package io.certeus.client;

/**
 * An append refused for backpressure: the client's in-flight limit is reached, or the grid refused
 * the event ({@link io.certeus.core.protocol.AppendRefusedException}) because the ledger job lags on
 * its ingest lane or PostgreSQL lags behind, or (the subclass {@link NoMajorityException}) the
 * member cannot hear a majority of the cluster. Nothing was stored; retry the same event after
 * {@link #retryAfterMs()}, or let {@link CerteusClient#appendWaitingForCapacity} do it.
 *
 * <p>Thread-safe: immutable.
 */
public class BackpressureException extends CerteusClientException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterMs;

    public BackpressureException(String message) {
        this(message, 0);
    }

    /** With the wait the grid suggests before resending, in milliseconds (0 when it gave none). */
    public BackpressureException(String message, long retryAfterMs) {
        super(message);
        this.retryAfterMs = retryAfterMs;
    }

    public BackpressureException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    /** With the grid's suggested wait (0 when it gave none) and the refusal as the grid reported it. */
    public BackpressureException(String message, long retryAfterMs, Throwable cause) {
        super(message, cause);
        this.retryAfterMs = retryAfterMs;
    }

    /**
     * The wait the grid suggested before resending, in milliseconds; 0 when it gave none (the
     * client's own in-flight limit, or a refusal that reached the client only as text).
     */
    public long retryAfterMs() {
        return retryAfterMs;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
