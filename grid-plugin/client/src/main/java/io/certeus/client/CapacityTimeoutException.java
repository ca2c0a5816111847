package io.certeus.client;

/**
 * An append that waited for capacity ({@link CerteusClient#appendWaitingForCapacity}) was still
 * refused when its deadline passed. Nothing was stored for that event; its last refusal is the cause.
 * Sending the same event again later is safe.
 */
public class CapacityTimeoutException extends CerteusTimeoutException {
    private static final long serialVersionUID = 1L;

    public CapacityTimeoutException(String message, BackpressureException lastRefusal) {
        super(message, lastRefusal);
    }
}
