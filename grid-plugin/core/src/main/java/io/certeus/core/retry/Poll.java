package io.certeus.core.retry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for state another system changes (a grid, PostgreSQL, a pipeline): looks, and while the
 * answer is not there yet, waits as a {@link Backoff} says and looks again, until a deadline. The
 * last look happens at the deadline, never later. Never spins: every wait is a sleep or a scheduled task.
 *
 * <p>Thread-safe: static functions only; {@link #forValue} and {@link #until} block the calling thread.
 */
public final class Poll {
    /**
     * One look at the awaited state.
     *
     * <p>Thread-safe as the caller needs: called from one thread at a time.
     */
    @FunctionalInterface
    public interface Probe<T, E extends Exception> {
        /** The awaited value, or {@code null} while it is not there yet. */
        T look() throws E;
    }

    /**
     * One look at an awaited condition.
     *
     * <p>Thread-safe as the caller needs: called from one thread at a time.
     */
    @FunctionalInterface
    public interface Condition<E extends Exception> {
        boolean holds() throws E;
    }

    private Poll() {
    }

    /**
     * Looks until {@code probe} returns a value and returns it; a probe's exception ends the wait.
     *
     * @throws TimeoutException naming {@code what} and the timeout when the deadline passed first
     * @throws InterruptedException when interrupted while waiting between looks
     */
    public static <T, E extends Exception> T forValue(String what, Backoff backoff, long timeoutMs, Probe<T, E> probe)
            throws E, TimeoutException, InterruptedException {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (int misses = 1; ; misses++) {
            T value = probe.look();
            if (value != null) {
                return value;
            }
            long remainingNs = deadlineNs - System.nanoTime();
            if (remainingNs <= 0) {
                throw timeout(what, timeoutMs);
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(remainingNs, TimeUnit.MILLISECONDS.toNanos(backoff.delayMs(misses))));
        }
    }

    /** Looks until {@code condition} holds; fails as {@link #forValue} does. */
    public static <E extends Exception> void until(String what, Backoff backoff, long timeoutMs, Condition<E> condition)
            throws E, TimeoutException, InterruptedException {
        forValue(what, backoff, timeoutMs, () -> condition.holds() ? Boolean.TRUE : null);
    }

    /**
     * Looks from {@code scheduler}'s threads (the first look at once) until {@code probe} returns a
     * value: the future completes with it, fails with the probe's exception, with a
     * {@link TimeoutException} naming {@code what} when the deadline passed first, or with a
     * {@link RejectedExecutionException} when the scheduler shut down.
     */
    public static <T> CompletableFuture<T> forValueAsync(String what, Backoff backoff, long timeoutMs,
            ScheduledExecutorService scheduler, Probe<T, ?> probe) {
        CompletableFuture<T> result = new CompletableFuture<>();
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try {
            scheduler.execute(() -> lookAsync(what, backoff, timeoutMs, scheduler, probe, result, deadlineNs, 1));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private static <T> void lookAsync(String what, Backoff backoff, long timeoutMs, ScheduledExecutorService scheduler,
            Probe<T, ?> probe, CompletableFuture<T> result, long deadlineNs, int misses) {
        if (result.isDone()) {
            return; // the caller cancelled
        }
        T value;
        try {
            value = probe.look();
        } catch (Exception e) {
            result.completeExceptionally(e);
            return;
        }
        if (value != null) {
            result.complete(value);
            return;
        }
        long remainingNs = deadlineNs - System.nanoTime();
        if (remainingNs <= 0) {
            result.completeExceptionally(timeout(what, timeoutMs));
            return;
        }
        long waitNs = Math.min(remainingNs, TimeUnit.MILLISECONDS.toNanos(backoff.delayMs(misses)));
        try {
            scheduler.schedule(() -> lookAsync(what, backoff, timeoutMs, scheduler, probe, result, deadlineNs, misses + 1),
                    waitNs, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
    }

    private static TimeoutException timeout(String what, long timeoutMs) {
        return new TimeoutException("gave up waiting: what=" + what + ", timeoutMs=" + timeoutMs);
    }
}
