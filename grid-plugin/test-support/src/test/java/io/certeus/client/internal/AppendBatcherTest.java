package io.certeus.client.internal;

import io.certeus.client.BackpressureException;
import io.certeus.client.CerteusTimeoutException;
import io.certeus.client.ClientClosedException;
import io.certeus.client.ClientSettings;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventBatch;
import io.certeus.core.retry.Backoff;
import io.certeus.core.retry.Poll;
import io.certeus.core.shard.IngestKey;
import io.certeus.core.shard.IngestLanes;
import io.certeus.core.shard.Shards;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.certeus.testing.TestEvents.caseIdInLane;
import static io.certeus.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batcher against an ingest writer whose acknowledgements the test controls. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AppendBatcherTest {
    /** Flushes as the grid would see them; each batch completes only when the test says so. */
    private final LinkedBlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private AppendBatcher batcher;

    private static final class Sent {
        final List<IngestKey> keys;
        final List<EventBatch> batches;
        final List<CompletableFuture<Void>> acks = new ArrayList<>();

        Sent(List<IngestKey> keys, List<EventBatch> batches) {
            this.keys = List.copyOf(keys);
            this.batches = List.copyOf(batches);
            batches.forEach(b -> acks.add(new CompletableFuture<>()));
        }

        int events() {
            return batches.stream().mapToInt(EventBatch::eventCount).sum();
        }

        void ackAll() {
            acks.forEach(a -> a.complete(null));
        }
    }

    private IngestWriter controlledIngestMap() {
        return (keys, batches) -> {
            Sent call = new Sent(keys, batches);
            sent.add(call);
            return call.acks;
        };
    }

    @AfterEach
    void closeBatcher() {
        sent.forEach(Sent::ackAll);
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
            accepted.add(batcher.submit(e));
        }
        Event extra = event().eventId(UUID.randomUUID()).build();
        CompletableFuture<Void> refused = batcher.submit(extra);
        assertThatThrownBy(() -> refused.get(1, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BackpressureException.class)
                .hasMessageContaining("inFlight=3, limit=3");
        assertThat(accepted).noneMatch(CompletableFuture::isDone);

        // once the grid acknowledges, room frees up again. The flusher may attach its completion
        // callbacks after the test acknowledged, so wait for the appends, not for one more batch.
        CompletableFuture<Void> allAccepted = CompletableFuture.allOf(accepted.toArray(new CompletableFuture<?>[0]));
        Poll.until("the accepted appends reached the grid and completed", Backoff.fixed(1), 5_000, () -> {
            Sent call = sent.poll();
            if (call != null) {
                call.ackAll();
            }
            return allAccepted.isDone();
        });
        allAccepted.get(5, TimeUnit.SECONDS);
        assertThat(batcher.inFlight()).isZero();
        Event later = event().eventId(UUID.randomUUID()).build();
        CompletableFuture<Void> admitted = batcher.submit(later);
        sent.poll(5, TimeUnit.SECONDS).ackAll();
        admitted.get(5, TimeUnit.SECONDS);
    }

    @Test
    void batchesEventsFromManyThreadsIntoFewFlushes() throws Exception {
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
                    futures.add(batcher.submit(e));
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
            assertThat(call.events()).isLessThanOrEqualTo(500);
            for (int i = 0; i < call.keys.size(); i++) {
                int lane = call.keys.get(i).lane();
                EventBatch batch = call.batches.get(i);
                assertThat(batch.eventCount()).isLessThanOrEqualTo(IngestLanes.MAX_EVENTS_PER_BATCH);
                assertThat(batch.lane()).isEqualTo(lane);
                for (Event event : batch.events()) {
                    assertThat(IngestLanes.laneOf(Shards.shardOf(event.caseId()))).as("event in its own lane").isEqualTo(lane);
                }
            }
            received += call.events();
            calls++;
            call.ackAll();
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
        CompletableFuture<Void> pending = batcher.submit(e);
        assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(CerteusTimeoutException.class)
                .hasMessageContaining("timeoutMs=200");
    }

    @Test
    void passesGridRefusalsThroughAsTypedExceptions() throws Exception {
        batcher = new AppendBatcher(controlledIngestMap(), ClientSettings.defaults(), AppendErrors::toClientException);
        Event e = event().build();
        CompletableFuture<Void> pending = batcher.submit(e);
        sent.poll(5, TimeUnit.SECONDS).acks.get(0).completeExceptionally(
                new java.util.concurrent.CompletionException(new io.certeus.core.protocol.AppendRefusedException(4, 1000, 1000, 50)));
        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(BackpressureException.class)
                .hasMessageContaining("append refused by the grid").hasMessageContaining("lane=4")
                .satisfies(refusal -> assertThat(((BackpressureException) refusal).retryAfterMs()).as("the grid's hint, as data").isEqualTo(50));
    }

    /**
     * The close race, forced: a submit passes the running check, then close runs and the flusher
     * leaves on an empty queue, then the submit queues its event. Without the fix that append's
     * future never completes (get times out); with it, it fails with ClientClosedException.
     */
    @Test
    void anAppendQueuedAfterTheFlusherLeftFailsAsClosedInsteadOfHanging() throws Exception {
        CountDownLatch passedRunningCheck = new CountDownLatch(1);
        CountDownLatch closeReturned = new CountDownLatch(1);
        batcher = new AppendBatcher(controlledIngestMap(), ClientSettings.defaults(), AppendErrors::toClientException, () -> {
            passedRunningCheck.countDown();
            awaitQuietly(closeReturned);
        });
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<CompletableFuture<Void>> submitted = caller.submit(() -> batcher.submit(event().build()));
            assertThat(passedRunningCheck.await(10, TimeUnit.SECONDS)).as("submit reached the window").isTrue();
            batcher.close(); // returns once the flusher has left: the queue was empty and running is false
            closeReturned.countDown();
            CompletableFuture<Void> append = submitted.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> append.get(10, TimeUnit.SECONDS))
                    .as("the append queued after the flusher left is answered")
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ClientClosedException.class).hasMessageContaining("client closed before the event was sent");
            assertThat(batcher.inFlight()).as("its in-flight permit is returned").isZero();
            assertThat(sent).as("nothing sent after close").isEmpty();
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void anAppendAfterCloseFailsAtOnceAsClosed() {
        batcher = new AppendBatcher(controlledIngestMap(), ClientSettings.defaults(), AppendErrors::toClientException);
        batcher.close();
        assertThat(batcher.submit(event().build())).isCompletedExceptionally();
        assertThatThrownBy(() -> batcher.submit(event().build()).join()).cause().isInstanceOf(ClientClosedException.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aRefusedLaneFailsOnlyItsOwnEvents() throws Exception {
        batcher = new AppendBatcher(controlledIngestMap(), ClientSettings.defaults(), AppendErrors::toClientException);
        Event first = event().caseId(caseIdInLane(7)).eventId(UUID.randomUUID()).build();
        Event second = event().caseId(caseIdInLane(8)).eventId(UUID.randomUUID()).build();
        List<CompletableFuture<Void>> futures = List.of(batcher.submit(first), batcher.submit(second));
        // the flusher may send the two appends in one flush or two; collect until both are sent
        List<Sent> calls = new ArrayList<>();
        int events = 0;
        while (events < 2) {
            Sent call = sent.poll(5, TimeUnit.SECONDS);
            assertThat(call).isNotNull();
            calls.add(call);
            events += call.events();
        }
        for (Sent each : calls) {
            for (int i = 0; i < each.keys.size(); i++) {
                if (each.keys.get(i).lane() == 7) {
                    each.acks.get(i).completeExceptionally(new BackpressureException("lane 7 is behind", 50));
                } else {
                    each.acks.get(i).complete(null);
                }
            }
        }
        assertThatThrownBy(() -> futures.get(0).get(5, TimeUnit.SECONDS)).cause().isInstanceOf(BackpressureException.class);
        futures.get(1).get(5, TimeUnit.SECONDS);
        assertThat(batcher.inFlight()).isZero();
    }

}
