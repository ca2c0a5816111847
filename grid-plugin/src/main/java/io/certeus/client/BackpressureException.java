package io.certeus.client;

/**
 * An append refused for backpressure: the client's in-flight limit is reached, or the grid refused
 * the event ({@link io.certeus.grid.ingest.AppendRejectedException}) because the ledger job lags on
 * its shard. Nothing was stored; retry the same event after a pause.
 */
public class BackpressureException extends CerteusClientException {
    private static final long serialVersionUID = 1L;

    public BackpressureException(String message) {
        super(message);
    }

    public BackpressureException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
