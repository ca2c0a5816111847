package io.certeus.client;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.certeus.core.MapNames;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventBatch;
import io.certeus.core.shard.IngestKey;
import io.certeus.member.internal.ingest.IngestSettings;
import io.certeus.testing.TestGridWithClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.certeus.testing.TestEvents.caseIdInLane;
import static io.certeus.testing.TestEvents.eventIdsIn;
import static io.certeus.testing.TestEvents.newUpdate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A remote client against a member whose ingest lane is full (no ledger job drains it): the grid's
 * refusal reaches the client after the append was sent, with its retryAfterMs as data, and
 * {@link CerteusClient#appendWaitingForCapacity} resends until the lane has room, or gives up with
 * {@link CapacityTimeoutException} at its deadline.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AppendWaitingForCapacityIT {
    private static final int LIMIT = 3;
    private static final long RETRY_AFTER_MS = 40;

    private TestGridWithClient grid;
    private HazelcastInstance member;
    private CerteusClient certeus;

    @BeforeEach
    void start() {
        grid = new TestGridWithClient("capacity-wait", Map.of(
                IngestSettings.MAX_PENDING_BATCHES_PER_LANE, String.valueOf(LIMIT),
                IngestSettings.SAMPLE_INTERVAL_MS, "50",
                IngestSettings.RETRY_AFTER_MS, String.valueOf(RETRY_AFTER_MS)));
        member = grid.member();
        certeus = grid.certeus();
    }

    @AfterEach
    void stop() {
        grid.close();
    }

    @Test
    void resendsAnEventTheGridRefusedAfterSendingUntilTheLaneHasRoom() throws Exception {
        grid.fillLane(3, LIMIT);
        Event refusedFirst = newUpdate(caseIdInLane(3));
        List<BackpressureException> refusals = new CopyOnWriteArrayList<>();
        List<Long> waitsMs = new CopyOnWriteArrayList<>();
        CountDownLatch refused = new CountDownLatch(1);
        CompletableFuture<Void> stored = certeus.appendWaitingForCapacity(List.of(refusedFirst), Duration.ofSeconds(60),
                (event, refusal, waitMs) -> {
                    refusals.add(refusal);
                    waitsMs.add(waitMs);
                    refused.countDown();
                });
        assertThat(refused.await(30, TimeUnit.SECONDS)).as("the grid refused the event").isTrue();
        assertThat(stored).as("a refusal does not end the append").isNotDone();

        IMap<IngestKey, EventBatch> ingest = member.getMap(MapNames.INGEST);
        ingest.keySet().forEach(ingest::delete); // as the ledger job would: the lane has room after the next sample

        stored.get(60, TimeUnit.SECONDS);
        assertThat(eventIdsIn(ingest)).contains(refusedFirst.eventId());
        assertThat(refusals).allSatisfy(r -> assertThat(r.retryAfterMs()).as("the grid's hint, as data").isEqualTo(RETRY_AFTER_MS));
        assertThat(waitsMs).as("each resend waited as the grid asked").allMatch(w -> w == RETRY_AFTER_MS);
    }

    @Test
    void givesUpWithCapacityTimeoutWhileTheLaneStaysFull() throws Exception {
        grid.fillLane(5, LIMIT);
        Event neverStored = newUpdate(caseIdInLane(5));
        CompletableFuture<Void> stored = certeus.appendWaitingForCapacity(List.of(neverStored), Duration.ofMillis(300));
        assertThatThrownBy(() -> stored.get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CapacityTimeoutException.class).hasMessageContaining("eventId=" + neverStored.eventId())
                .cause().isInstanceOf(BackpressureException.class);
        IMap<IngestKey, EventBatch> ingest = member.getMap(MapNames.INGEST);
        assertThat(eventIdsIn(ingest)).doesNotContain(neverStored.eventId());
    }
}
