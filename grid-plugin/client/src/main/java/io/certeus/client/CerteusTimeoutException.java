package io.certeus.client;

/**
 * A request that did not finish within its timeout. For appends the outcome is unknown: sending
 * the same event (same eventId) again is safe, the pipeline drops the duplicate.
 */
public class CerteusTimeoutException extends CerteusClientException {
    private static final long serialVersionUID = 1L;

    public CerteusTimeoutException(String message) {
        super(message);
    }

    public CerteusTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
