package io.certeus.client;

/**
 * The client was closed before it sent the event: nothing was stored. Resending the same event
 * through an open client is safe (the pipeline treats the eventId as an idempotency key).
 */
public class ClientClosedException extends CerteusClientException {
    private static final long serialVersionUID = 1L;

    public ClientClosedException(String message) {
        super(message);
    }
}
