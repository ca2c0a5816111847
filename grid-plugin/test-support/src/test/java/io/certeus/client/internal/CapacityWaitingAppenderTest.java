package io.certeus.client.internal;

import io.certeus.client.BackpressureException;
import io.certeus.client.CapacityTimeoutException;
import io.certeus.client.CerteusTimeoutException;
import io.certeus.client.ClientSettings;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventBatch;
import io.certeus.core.retry.Backoff;
import io.certeus.core.shard.IngestKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.certeus.testing.TestEvents.caseIdInLane;
import static io.certeus.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Appends that wait for capacity, through a real batcher, against an ingest writer whose answers the test gives. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CapacityWaitingAppenderTest {
    /** One write to the grid; each lane batch is answered by the test. */
    private static final class Sent {
        final List<IngestKey> keys;
        final List<EventBatch> batches;
        final List<CompletableFuture<Void>> acks = new ArrayList<>();

        Sent(List<IngestKey> keys, List<EventBatch> batches) {
            this.keys = List.copyOf(keys);
            this.batches = List.copyOf(batches);
            batches.forEach(b -> acks.add(new CompletableFuture<>()));
        }

        List<UUID> eventIds() {
            return batches.stream().flatMap(b -> b.events().stream()).map(Event::eventId).collect(Collectors.toList());
        }

        void ackAll() {
            acks.forEach(a -> a.complete(null));
        }
    }

    private final LinkedBlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService resends = Executors.newSingleThreadScheduledExecutor();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private AppendBatcher batcher;

    private IngestWriter controlledIngestMap() {
        return (keys, batches) -> {
            Sent call = new Sent(keys, batches);
            sent.add(call);
            return call.acks;
        };
    }

    private CapacityWaitingAppender appender(ClientSettings settings, IngestWriter writer) {
        batcher = new AppendBatcher(writer, settings, AppendErrors::toClientException);
        return new CapacityWaitingAppender(batcher::submit, resends, Backoff.fixed(1));
    }

    private void recordRefusal(Event event, BackpressureException refusal, long waitMs) {
        refusals.add(event.eventId() + " waitMs=" + waitMs);
    }

    private Sent nextWrite() throws InterruptedException {
        Sent call = sent.poll(10, TimeUnit.SECONDS);
        assertThat(call).as("a write reached the grid").isNotNull();
        return call;
    }

    @AfterEach
    void close() {
        sent.forEach(Sent::ackAll);
        if (batcher != null) {
            batcher.close();
        }
        resends.shutdownNow();
    }

    @Test
    void resendsOnlyTheEventTheGridRefusedLaterAfterTheGridsHint() throws Exception {
        CapacityWaitingAppender appender = appender(ClientSettings.defaults(), controlledIngestMap());
        Event refusedLater = event().caseId(caseIdInLane(7)).eventId(UUID.randomUUID()).build();
        Event storedAtOnce = event().caseId(caseIdInLane(8)).eventId(UUID.randomUUID()).build();
        CompletableFuture<Void> stored = appender.appendAll(List.of(refusedLater, storedAtOnce), 10_000, this::recordRefusal);

        int answered = 0;
        while (answered < 2) {
            Sent call = nextWrite();
            for (int i = 0; i < call.keys.size(); i++) {
                if (call.keys.get(i).lane() == 7) {
                    call.acks.get(i).completeExceptionally(new BackpressureException("lane 7 is behind", 3));
                } else {
                    call.acks.get(i).complete(null);
                }
                answered += call.batches.get(i).eventCount();
            }
        }
        Sent resend = nextWrite();
        assertThat(resend.eventIds()).as("only the refused event is sent again").containsExactly(refusedLater.eventId());
        resend.ackAll();

        stored.get(10, TimeUnit.SECONDS);
        assertThat(refusals).containsExactly(refusedLater.eventId() + " waitMs=3");
    }

    @Test
    void resendsWhatTheInFlightLimitRefusedAtOnce() throws Exception {
        CapacityWaitingAppender appender = appender(ClientSettings.builder().maxInFlightEvents(1).build(), controlledIngestMap());
        List<Event> events = List.of(event().eventId(UUID.randomUUID()).build(), event().eventId(UUID.randomUUID()).build(),
                event().eventId(UUID.randomUUID()).build());
        CountDownLatch refusedAtOnce = new CountDownLatch(1);
        // the appending thread pauses on each refusal, so it is not the test's thread, which answers the grid's writes
        CompletableFuture<CompletableFuture<Void>> appending = CompletableFuture.supplyAsync(() ->
                appender.appendAll(events, 10_000, (event, refusal, waitMs) -> {
                    recordRefusal(event, refusal, waitMs);
                    refusedAtOnce.countDown();
                }));
        assertThat(refusedAtOnce.await(10, TimeUnit.SECONDS)).as("the second event met the in-flight limit").isTrue();

        List<UUID> written = new ArrayList<>();
        while (written.size() < events.size()) {
            Sent call = nextWrite();
            written.addAll(call.eventIds());
            call.ackAll();
        }
        appending.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        assertThat(written).as("each event stored once, in order").containsExactlyElementsOf(
                events.stream().map(Event::eventId).collect(Collectors.toList()));
        assertThat(refusals).isNotEmpty().allMatch(r -> r.endsWith("waitMs=1"));
    }

    @Test
    void failsWithCapacityTimeoutWhenStillRefusedAtTheDeadline() {
        CapacityWaitingAppender appender = appender(ClientSettings.defaults(), (keys, batches) -> {
            List<CompletableFuture<Void>> refused = new ArrayList<>();
            keys.forEach(k -> refused.add(CompletableFuture.failedFuture(new BackpressureException("always behind", 1))));
            return refused;
        });
        Event event = event().eventId(UUID.randomUUID()).build();
        // A deadline long enough for several 1 ms waits even on a loaded machine (the first send included).
        CompletableFuture<Void> stored = appender.appendAll(List.of(event), 1_000, this::recordRefusal);
        assertThatThrownBy(() -> stored.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CapacityTimeoutException.class)
                .hasMessageContaining("eventId=" + event.eventId()).hasMessageContaining("timeoutMs=1000")
                .cause().isInstanceOf(BackpressureException.class).hasMessageContaining("always behind");
        assertThat(refusals).as("refused, waited and resent until the deadline").isNotEmpty();
    }

    @Test
    void doesNotResendAnAppendWhoseOutcomeIsUnknown() throws Exception {
        CapacityWaitingAppender appender = appender(ClientSettings.builder().appendTimeoutMs(50).build(), controlledIngestMap());
        CompletableFuture<Void> stored = appender.appendAll(List.of(event().build()), 10_000, this::recordRefusal);
        assertThatThrownBy(() -> stored.get(10, TimeUnit.SECONDS))
                .cause().isExactlyInstanceOf(CerteusTimeoutException.class);
        nextWrite();
        assertThat(sent).as("a timed-out append is not sent again").isEmpty();
        assertThat(refusals).isEmpty();
    }
}
