package io.certeus.client;

import io.certeus.core.model.Event;

/**
 * Told about every refused attempt of {@link CerteusClient#appendWaitingForCapacity}: which event,
 * why, and how long the client waits before resending it.
 *
 * <p>Thread-safe: must be; called on the appending thread (refusals the client gives at once) or on
 * the client's resend thread (refusals the grid gives later).
 */
@FunctionalInterface
public interface RefusalListener {
    RefusalListener NONE = (event, refusal, waitMs) -> { };

    void refused(Event event, BackpressureException refusal, long waitMs);
}
