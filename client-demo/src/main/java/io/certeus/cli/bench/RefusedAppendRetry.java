package io.certeus.cli.bench;

import io.certeus.client.BackpressureException;
import io.certeus.client.CerteusClient;
import io.certeus.core.model.Event;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Appends an event until the grid takes it: each {@link BackpressureException} is counted as a
 * refusal and the same event is sent again after {@code pauseMs}. A refusal the client gives at once
 * (its in-flight limit) pauses the calling (sending) thread, so the pacer falls behind its schedule
 * and the latency from the intended send time shows it; a refusal the grid gives later is retried
 * from {@code scheduler}. Any other failure completes the returned future exceptionally.
 *
 * <p>Thread-safe: share one instance; {@link #append} is called from the sending thread.
 */
public final class RefusedAppendRetry implements OpenLoopLoad.Appender {
    private final CerteusClient certeus;
    private final ScheduledExecutorService scheduler;
    private final long pauseNs;
    private final LongAdder refusals = new LongAdder();

    public RefusedAppendRetry(CerteusClient certeus, ScheduledExecutorService scheduler, long pauseMs) {
        if (pauseMs < 1) {
            throw new IllegalArgumentException("refusal pause must be positive: pauseMs=" + pauseMs);
        }
        this.certeus = certeus;
        this.scheduler = scheduler;
        this.pauseNs = TimeUnit.MILLISECONDS.toNanos(pauseMs);
    }

    /** Refusals so far, every attempt counted. */
    public long refusals() {
        return refusals.sum();
    }

    /** Completes when the grid acknowledged {@code event}; every refused attempt also runs {@code onRefusal}. */
    @Override
    public CompletableFuture<Void> append(Event event, Runnable onRefusal) {
        CompletableFuture<Void> sent = certeus.append(event);
        while (isRefused(sent)) {
            refusals.increment();
            onRefusal.run();
            LockSupport.parkNanos(pauseNs);
            sent = certeus.append(event);
        }
        CompletableFuture<Void> acked = new CompletableFuture<>();
        sent.whenComplete((ok, error) -> onAnswer(event, onRefusal, error, acked));
        return acked;
    }

    private void onAnswer(Event event, Runnable onRefusal, Throwable error, CompletableFuture<Void> acked) {
        if (error == null) {
            acked.complete(null);
        } else if (unwrap(error) instanceof BackpressureException) {
            refusals.increment();
            onRefusal.run();
            scheduler.schedule(() -> certeus.append(event).whenComplete((ok, again) -> onAnswer(event, onRefusal, again, acked)),
                    pauseNs, TimeUnit.NANOSECONDS);
        } else {
            acked.completeExceptionally(unwrap(error));
        }
    }

    /** True for a future already failed with backpressure (the client's own, immediate refusal). */
    private static boolean isRefused(CompletableFuture<Void> sent) {
        if (!sent.isCompletedExceptionally()) {
            return false;
        }
        try {
            sent.join();
            return false;
        } catch (CompletionException e) {
            return e.getCause() instanceof BackpressureException;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
