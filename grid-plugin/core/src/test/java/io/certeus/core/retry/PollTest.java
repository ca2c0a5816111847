package io.certeus.core.retry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PollTest {
    private static final Backoff ONE_MS = Backoff.fixed(1);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void returnsTheFirstValueTheProbeSees() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        String value = Poll.forValue("third look", ONE_MS, 10_000, () -> looks.incrementAndGet() == 3 ? "found" : null);
        assertThat(value).isEqualTo("found");
        assertThat(looks).hasValue(3);
    }

    @Test
    void failsNamingWhatWasAwaitedWhenTheDeadlinePasses() {
        assertThatThrownBy(() -> Poll.until("the answer", ONE_MS, 20, () -> false))
                .isInstanceOf(TimeoutException.class)
                .hasMessage("gave up waiting: what=the answer, timeoutMs=20");
    }

    @Test
    void aZeroTimeoutLooksExactlyOnce() {
        AtomicInteger looks = new AtomicInteger();
        assertThatThrownBy(() -> Poll.until("never", ONE_MS, 0, () -> looks.incrementAndGet() < 0))
                .isInstanceOf(TimeoutException.class);
        assertThat(looks).hasValue(1);
    }

    @Test
    void aProbesExceptionEndsTheWait() {
        AtomicInteger looks = new AtomicInteger();
        assertThatThrownBy(() -> Poll.until("table", ONE_MS, 10_000, () -> {
            looks.incrementAndGet();
            throw new IOException("connection refused");
        })).isInstanceOf(IOException.class).hasMessage("connection refused");
        assertThat(looks).hasValue(1);
    }

    @Test
    void anInterruptEndsTheWaitAndKeepsNoFlagSet() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> Poll.until("never", Backoff.fixed(60_000), 60_000, () -> false))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).as("InterruptedException consumed the flag, as sleep does").isFalse();
    }

    @Test
    void asyncCompletesWithTheFirstValueSeenOnTheScheduler() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        CompletableFuture<Integer> found = Poll.forValueAsync("third look", ONE_MS, 10_000, scheduler,
                () -> looks.incrementAndGet() == 3 ? 42 : null);
        assertThat(found.get(10, TimeUnit.SECONDS)).isEqualTo(42);
        assertThat(looks).hasValue(3);
    }

    @Test
    void asyncFailsWithTimeoutExceptionWhenTheDeadlinePasses() {
        CompletableFuture<Object> never = Poll.forValueAsync("receipt", ONE_MS, 20, scheduler, () -> null);
        assertThatThrownBy(() -> never.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TimeoutException.class).hasMessageContaining("what=receipt");
    }

    @Test
    void asyncFailsWithTheProbesException() {
        CompletableFuture<Object> broken = Poll.forValueAsync("receipt", ONE_MS, 10_000, scheduler, () -> {
            throw new IllegalStateException("grid gone");
        });
        assertThatThrownBy(() -> broken.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("grid gone");
    }

    @Test
    void asyncFailsWhenTheSchedulerIsShutDown() {
        scheduler.shutdown();
        CompletableFuture<Object> refused = Poll.forValueAsync("receipt", ONE_MS, 10_000, scheduler, () -> null);
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(RejectedExecutionException.class);
    }
}
