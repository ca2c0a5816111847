package io.certeus.client;

/**
 * An append whose member left, or whose connection closed, before it answered: the event may or may
 * not be stored. Sending the same event (same eventId) again is safe, the pipeline stores an
 * eventId once.
 *
 * <p>Thread-safe: immutable.
 */
public class AppendOutcomeUnknownException extends CerteusClientException {
    private static final long serialVersionUID = 1L;

    public AppendOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
