package io.certeus.postgres.store;

/**
 * A store was closed (member shutting down) or its thread interrupted while it waited for the
 * database; the batch was not stored and Hazelcast keeps it queued.
 *
 * <p>Thread-safe: immutable.
 */
public final class StoreClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreClosedException(String message) {
        super(message);
    }
}
