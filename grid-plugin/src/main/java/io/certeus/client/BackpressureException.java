package io.certeus.client;

/**
 * An append refused for backpressure: the client's in-flight limit is reached, or the grid refused
 * the event because the pipeline lags (journal near capacity) or PostgreSQL is behind. Nothing
 * was stored; retry after a pause.
 */
public class AppendRejectedException extends CerteusClientException {
    private static final long serialVersionUID = 1L;

    public AppendRejectedException(String message) {
        super(message);
    }

    public AppendRejectedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
