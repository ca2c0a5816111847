package io.certeus.client.internal;

import io.certeus.client.BackpressureException;
import io.certeus.client.CapacityTimeoutException;
import io.certeus.client.CerteusClient;
import io.certeus.client.RefusalListener;
import io.certeus.core.model.Event;
import io.certeus.core.retry.Backoff;
import io.certeus.core.retry.Resender;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Appends events and resends each one refused for backpressure (by the client's in-flight limit, or
 * by the grid, at once or later) until it is stored or a deadline passes: what
 * {@link CerteusClient#appendWaitingForCapacity} does. Only refused events are sent again; resending
 * is safe because the pipeline treats the eventId as an idempotency key. The grid's
 * {@link BackpressureException#retryAfterMs() hint} sets the wait; without one, {@code noHintBackoff} does.
 *
 * <p>Thread-safe: immutable; resends run on the scheduler.
 */
public final class CapacityWaitingAppender {
    private final Function<Event, CompletableFuture<Void>> submit;
    private final Resender resender;

    public CapacityWaitingAppender(Function<Event, CompletableFuture<Void>> submit, ScheduledExecutorService scheduler,
            Backoff noHintBackoff) {
        this.submit = submit;
        this.resender = new Resender(noHintBackoff, scheduler, CapacityWaitingAppender::retryAfterMs);
    }

    /**
     * Sends every event; the future completes when all are stored, or fails with the first failure
     * that is not a refusal, or with {@link CapacityTimeoutException} for an event still refused when
     * {@code timeoutMs} (one deadline for the whole collection) has passed.
     */
    public CompletableFuture<Void> appendAll(Collection<Event> events, long timeoutMs, RefusalListener listener) {
        return CompletableFuture.allOf(appendEach(events, timeoutMs, listener).toArray(new CompletableFuture<?>[0]));
    }

    /** As {@link #appendAll}, one future per event in the collection's order. */
    public List<CompletableFuture<Void>> appendEach(Collection<Event> events, long timeoutMs, RefusalListener listener) {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        List<CompletableFuture<Void>> stored = new ArrayList<>(events.size());
        for (Event event : events) {
            long remainingMs = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime()));
            stored.add(resender.send(() -> submit.apply(event), remainingMs,
                    (refusal, waitMs) -> listener.refused(event, (BackpressureException) refusal, waitMs),
                    last -> new CapacityTimeoutException("append still refused at its deadline: eventId=" + event.eventId()
                            + ", timeoutMs=" + timeoutMs + ", lastRefusal=" + last.getMessage(), (BackpressureException) last)));
        }
        return stored;
    }

    /** Backpressure is the only refusal; its hint is data on the exception, 0 (no hint) when the grid gave none. */
    private static long retryAfterMs(Throwable failure) {
        return failure instanceof BackpressureException ? ((BackpressureException) failure).retryAfterMs() : Resender.NOT_REFUSED;
    }
}
