package io.certeus.client;

/**
 * An event the grid acknowledged was not known to be in PostgreSQL within the durable timeout
 * ({@link ClientSettings#durableTimeoutMs()}): PostgreSQL may be down or behind, or the event may
 * still be waiting to be chained. It may become durable later ({@link CerteusClient#awaitDurable});
 * resending it is safe, the ledger stores an eventId once.
 */
public class DurableTimeoutException extends CerteusTimeoutException {
    private static final long serialVersionUID = 1L;

    public DurableTimeoutException(String message) {
        super(message);
    }
}
