package io.certeus.core.retry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends an asynchronous request again while the other side refuses it (backpressure), until it is
 * accepted, fails for another reason, or a deadline passes. A refusal may carry a hint ("retry after
 * N ms", as data on the exception): the wait is the hint when there is one and the {@link Backoff}
 * otherwise, never past the deadline; one last attempt is made at the deadline.
 *
 * <p>A refusal that comes at once (the attempt returns an already failed future) pauses the calling
 * thread before it sends again, so a caller sending in a loop slows down with the other side. A
 * refusal that comes later is resent from the scheduler, whose threads never wait.
 *
 * <p>Thread-safe: immutable; {@link #send} may be called from any number of threads.
 */
public final class Resender {
    /** From {@link RefusalReader}: the failure is not a refusal; it is passed on, nothing is resent. */
    public static final long NOT_REFUSED = -1;
    /** From {@link RefusalReader}: a refusal without a hint; the {@link Backoff} decides the wait. */
    public static final long NO_HINT = 0;

    /**
     * Reads a failure (already unwrapped from {@link CompletionException}).
     *
     * <p>Thread-safe: must be; called from senders' and the scheduler's threads.
     */
    @FunctionalInterface
    public interface RefusalReader {
        /** {@link #NOT_REFUSED}, {@link #NO_HINT}, or the wait the other side asked for, in milliseconds. */
        long retryAfterMs(Throwable failure);
    }

    /**
     * Told about every refused attempt, with the wait chosen before the next one.
     *
     * <p>Thread-safe: must be; called on the sending thread or a scheduler thread.
     */
    @FunctionalInterface
    public interface RefusalListener {
        RefusalListener NONE = (refusal, waitMs) -> { };

        void refused(Throwable refusal, long waitMs);
    }

    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final RefusalReader reader;

    public Resender(Backoff backoff, ScheduledExecutorService scheduler, RefusalReader reader) {
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.reader = reader;
    }

    /**
     * Sends with {@code attempt} until accepted. The future completes with the accepted attempt's
     * value; fails with the first failure that is not a refusal; when the deadline passes with the
     * request still refused, fails with {@code giveUp} applied to the last refusal; when interrupted
     * during a pause, fails with the {@link InterruptedException} (the thread stays interrupted).
     */
    public <T> CompletableFuture<T> send(Supplier<CompletableFuture<T>> attempt, long timeoutMs, RefusalListener listener,
            Function<Throwable, ? extends Throwable> giveUp) {
        Sending<T> sending = new Sending<>(attempt, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs), listener,
                giveUp);
        sending.fromCaller();
        return sending.result;
    }

    /** One request's attempts; touched by one thread at a time, each handing over through a future or the scheduler. */
    private final class Sending<T> {
        final Supplier<CompletableFuture<T>> attempt;
        final long deadlineNs;
        final RefusalListener listener;
        final Function<Throwable, ? extends Throwable> giveUp;
        final CompletableFuture<T> result = new CompletableFuture<>();
        int refusals;

        Sending(Supplier<CompletableFuture<T>> attempt, long deadlineNs, RefusalListener listener,
                Function<Throwable, ? extends Throwable> giveUp) {
            this.attempt = attempt;
            this.deadlineNs = deadlineNs;
            this.listener = listener;
            this.giveUp = giveUp;
        }

        void fromCaller() {
            while (true) {
                CompletableFuture<T> sent = invoke();
                if (!sent.isCompletedExceptionally()) {
                    sent.whenComplete(this::onAnswer);
                    return;
                }
                long waitMs = nextWaitMs(failureOf(sent));
                if (waitMs < 0) {
                    return;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(waitMs); // the other side asked the sender to slow down
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    result.completeExceptionally(e);
                    return;
                }
            }
        }

        private void fromScheduler() {
            invoke().whenComplete(this::onAnswer);
        }

        private void onAnswer(T value, Throwable error) {
            if (error == null) {
                result.complete(value);
                return;
            }
            long waitMs = nextWaitMs(unwrap(error));
            if (waitMs < 0) {
                return;
            }
            try {
                scheduler.schedule(this::fromScheduler, waitMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                Throwable refusal = unwrap(error);
                refusal.addSuppressed(e);
                result.completeExceptionally(refusal);
            }
        }

        /** The wait before the next attempt; negative when {@link #result} was completed instead. */
        private long nextWaitMs(Throwable failure) {
            long hintMs = reader.retryAfterMs(failure);
            if (hintMs < 0) {
                result.completeExceptionally(failure);
                return -1;
            }
            long remainingNs = deadlineNs - System.nanoTime();
            if (remainingNs <= 0) {
                result.completeExceptionally(giveUp.apply(failure));
                return -1;
            }
            refusals++;
            long waitMs = hintMs > 0 ? hintMs : backoff.delayMs(refusals);
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(remainingNs + TimeUnit.MILLISECONDS.toNanos(1) - 1);
            waitMs = Math.min(waitMs, remainingMs);
            listener.refused(failure, waitMs);
            return waitMs;
        }

        private CompletableFuture<T> invoke() {
            try {
                CompletableFuture<T> sent = attempt.get();
                return sent != null ? sent : CompletableFuture.failedFuture(new NullPointerException("attempt returned null"));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    private static Throwable failureOf(CompletableFuture<?> failed) {
        return unwrap(failed.handle((ignored, error) -> error).join());
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
