package io.certeus.core.retry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ResenderTest {
    /** A refusal carrying the other side's hint as data. */
    static final class Refused extends RuntimeException {
        final long retryAfterMs;

        Refused(long retryAfterMs) {
            super("refused: retryAfterMs=" + retryAfterMs);
            this.retryAfterMs = retryAfterMs;
        }
    }

    static final class GaveUp extends RuntimeException {
        GaveUp(Throwable lastRefusal) {
            super("gave up", lastRefusal);
        }
    }

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "resends"));
    private final Resender resender = new Resender(Backoff.exponential(1, 4), scheduler,
            failure -> failure instanceof Refused ? ((Refused) failure).retryAfterMs : Resender.NOT_REFUSED);
    private final List<Long> waitsMs = new CopyOnWriteArrayList<>();
    private final List<String> attemptThreads = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    /** Every attempt's answer, pending until the test completes it (a refusal that arrives later). */
    private final BlockingQueue<CompletableFuture<String>> pending = new LinkedBlockingQueue<>();

    private CompletableFuture<String> pendingAttempt() {
        attemptThreads.add(Thread.currentThread().getName());
        CompletableFuture<String> answer = new CompletableFuture<>();
        pending.add(answer);
        return answer;
    }

    private CompletableFuture<String> nextAttempt() throws InterruptedException {
        CompletableFuture<String> attempt = pending.poll(10, TimeUnit.SECONDS);
        assertThat(attempt).as("the request was sent again").isNotNull();
        return attempt;
    }

    private CompletableFuture<String> send(Supplier<CompletableFuture<String>> attempt, long timeoutMs) {
        return resender.send(attempt, timeoutMs, (refusal, waitMs) -> waitsMs.add(waitMs), GaveUp::new);
    }

    @Test
    void resendsARefusalThatArrivesLaterAfterItsHint() throws Exception {
        CompletableFuture<String> sent = send(this::pendingAttempt, 10_000);
        nextAttempt().completeExceptionally(new Refused(3));
        nextAttempt().completeExceptionally(new Refused(2));
        nextAttempt().complete("stored");
        assertThat(sent.get(10, TimeUnit.SECONDS)).isEqualTo("stored");
        assertThat(waitsMs).as("each wait is the hint the refusal carried").containsExactly(3L, 2L);
        assertThat(attemptThreads).as("later refusals are resent from the scheduler").containsExactly(
                Thread.currentThread().getName(), "resends", "resends");
    }

    @Test
    void aRefusalAtOncePausesTheCallerAndResendsFromIt() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<String> sent = send(() -> {
            attemptThreads.add(Thread.currentThread().getName());
            return attempts.incrementAndGet() < 3 ? CompletableFuture.failedFuture(new Refused(Resender.NO_HINT))
                    : CompletableFuture.completedFuture("stored");
        }, 10_000);
        assertThat(sent).as("answered before send returned: every attempt ran on the caller").isCompletedWithValue("stored");
        assertThat(attemptThreads).containsOnly(Thread.currentThread().getName()).hasSize(3);
        assertThat(waitsMs).as("no hint: the backoff's waits").containsExactly(1L, 2L);
    }

    @Test
    void usesTheBackoffUpToItsCapWhenRefusalsCarryNoHint() throws Exception {
        CompletableFuture<String> sent = send(this::pendingAttempt, 10_000);
        for (int i = 0; i < 4; i++) {
            nextAttempt().completeExceptionally(new Refused(Resender.NO_HINT));
        }
        nextAttempt().complete("stored");
        assertThat(sent.get(10, TimeUnit.SECONDS)).isEqualTo("stored");
        assertThat(waitsMs).containsExactly(1L, 2L, 4L, 4L);
    }

    @Test
    void passesOnAFailureThatIsNotARefusalWithoutResending() throws Exception {
        CompletableFuture<String> sent = send(this::pendingAttempt, 10_000);
        nextAttempt().completeExceptionally(new IllegalStateException("invalid"));
        assertThatThrownBy(() -> sent.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("invalid");
        assertThat(pending).as("nothing sent again").isEmpty();
        assertThat(attemptThreads).hasSize(1);
    }

    @Test
    void givesUpWithTheCallersFailureHoldingTheLastRefusalAtTheDeadline() {
        CompletableFuture<String> sent = send(() -> CompletableFuture.supplyAsync(() -> {
            throw new Refused(5);
        }), 30);
        assertThatThrownBy(() -> sent.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(GaveUp.class)
                .cause().isInstanceOf(Refused.class);
    }

    @Test
    void neverWaitsPastTheDeadlineWhateverTheHint() throws Exception {
        CompletableFuture<String> sent = send(this::pendingAttempt, 50);
        nextAttempt().completeExceptionally(new Refused(60_000));
        nextAttempt().completeExceptionally(new Refused(60_000));
        assertThatThrownBy(() -> sent.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(GaveUp.class);
        assertThat(waitsMs).hasSize(1);
        assertThat(waitsMs.get(0)).isBetween(1L, 50L);
    }

    @Test
    void anAttemptThatThrowsFailsLikeAFailedFuture() {
        CompletableFuture<String> sent = send(() -> {
            throw new IllegalArgumentException("bad request");
        }, 10_000);
        assertThatThrownBy(() -> sent.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusalWhenTheSchedulerIsShutDownFailsWithThatRefusal() throws Exception {
        CompletableFuture<String> sent = send(this::pendingAttempt, 10_000);
        scheduler.shutdown();
        nextAttempt().completeExceptionally(new Refused(1));
        assertThatThrownBy(() -> sent.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(Refused.class);
    }
}
