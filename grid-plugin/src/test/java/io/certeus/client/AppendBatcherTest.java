package io.certeus.client;

import io.certeus.core.model.Event;
import io.certeus.core.shard.EventKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.certeus.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batcher against an ingest writer whose acknowledgements the test controls. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AppendBatcherTest {
    /** putAllAsync calls as the grid would see them; each completes only when the test says so. */
    private final LinkedBlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private AppendBatcher batcher;

    private static final class Sent {
        final Map<EventKey, Event> entries;
        final CompletableFuture<Void> ack = new CompletableFuture<>();

        Sent(Map<EventKey, Event> entries) {
            this.entries = entries;
        }
    }

    private IngestWriter controlledIngestMap() {
        return entries -> {
            Sent call = new Sent(Map.copyOf(entries));
            sent.add(call);
            return call.ack;
        };
    }

    private static EventKey keyOf(Event e) {
        return EventKey.of(e.eventId(), e.caseId());
    }

    @AfterEach
    void closeBatcher() {
        sent.forEach(s -> s.ack.complete(null));
        if (batcher != null) {
            batcher.close();
        }
    }

    @Test
    void refusesAppendsBeyondTheInFlightLimitAtOnce() throws Exception {
        batcher = new AppendBatcher(controlledIngestMap(), ClientSettings.builder().maxInFlightEvents(3).build(),
                AppendErrors::toClientException);
        List<CompletableFuture<Void>> accepted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Event e = event().eventId(UUID.randomUUID()).build();
            accepted.add(batcher.submit(keyOf(e), e));
        }
        Event extra = event().eventId(UUID.randomUUID()).build();
        CompletableFuture<Void> refused = batcher.submit(keyOf(extra), extra);
        assertThatThrownBy(() -> refused.get(1, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BackpressureException.class)
                .hasMessageContaining("inFlight=3, limit=3");
        assertThat(accepted).noneMatch(CompletableFuture::isDone);

        // once the grid acknowledges, room frees up again
        while (batcher.inFlight() > 0) {
            Sent call = sent.poll(5, TimeUnit.SECONDS);
            assertThat(call).as("a batch reached the grid").isNotNull();
            call.ack.complete(null);
        }
        for (CompletableFuture<Void> f : accepted) {
            f.get(5, TimeUnit.SECONDS);
        }
        Event later = event().eventId(UUID.randomUUID()).build();
        CompletableFuture<Void> admitted = batcher.submit(keyOf(later), later);
        sent.poll(5, TimeUnit.SECONDS).ack.complete(null);
        admitted.get(5, TimeUnit.SECONDS);
    }

    @Test
    void batchesEventsFromManyThreadsIntoFewPutAlls() throws Exception {
        batcher = new AppendBatcher(controlledIngestMap(), ClientSettings.builder().batchSize(500).build(),
                AppendErrors::toClientException);
        int threads = 4;
        int perThread = 1000;
        List<CompletableFuture<Void>> futures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread caller = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    Event e = event().eventId(UUID.randomUUID()).build();
                    futures.add(batcher.submit(keyOf(e), e));
                }
            });
            callers.add(caller);
            caller.start();
        }
        for (Thread caller : callers) {
            caller.join();
        }
        int received = 0;
        int calls = 0;
        while (received < threads * perThread) {
            Sent call = sent.poll(5, TimeUnit.SECONDS);
            assertThat(call).as("batch %d", calls).isNotNull();
            assertThat(call.entries.size()).isLessThanOrEqualTo(500);
            received += call.entries.size();
            calls++;
            call.ack.complete(null);
        }
        assertThat(received).isEqualTo(threads * perThread);
        assertThat(calls).isGreaterThanOrEqualTo(8).isLessThan(threads * perThread);
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(5, TimeUnit.SECONDS);
    }

    @Test
    void failsAppendsTheGridDoesNotAcknowledgeInTime() {
        batcher = new AppendBatcher(controlledIngestMap(), ClientSettings.builder().appendTimeoutMs(200).build(),
                AppendErrors::toClientException);
        Event e = event().build();
        CompletableFuture<Void> pending = batcher.submit(keyOf(e), e);
        assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(CerteusTimeoutException.class)
                .hasMessageContaining("timeoutMs=200");
    }

    @Test
    void passesGridRefusalsThroughAsTypedExceptions() throws Exception {
        batcher = new AppendBatcher(controlledIngestMap(), ClientSettings.defaults(), AppendErrors::toClientException);
        Event e = event().build();
        CompletableFuture<Void> pending = batcher.submit(keyOf(e), e);
        sent.poll(5, TimeUnit.SECONDS).ack.completeExceptionally(
                new java.util.concurrent.CompletionException(new io.certeus.grid.ingest.AppendRejectedException(4, 1000, 1000, 50)));
        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(BackpressureException.class)
                .hasMessageContaining("append refused by the grid").hasMessageContaining("shard=4");
    }
}
