package io.certeus.client.internal;

import io.certeus.client.DurableTimeoutException;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.Receipt;
import io.certeus.core.shard.Shards;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class DurableWaiterTest {
    private static final int SHARD = 12;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Map<UUID, LedgerEntry> chained = new ConcurrentHashMap<>();
    private final AtomicLongArray durableSizes = new AtomicLongArray(Shards.SHARD_COUNT);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private DurableWaiter waiter(long timeoutMs) {
        return new DurableWaiter(scheduler, this::entriesOf, eventId -> null, this::sizes, timeoutMs);
    }

    private Collection<LedgerEntry> entriesOf(Collection<UUID> eventIds) {
        return eventIds.stream().map(chained::get).filter(e -> e != null).collect(Collectors.toList());
    }

    private long[] sizes() {
        long[] copy = new long[Shards.SHARD_COUNT];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = durableSizes.get(i);
        }
        return copy;
    }

    private LedgerEntry chain(UUID eventId, long position) {
        Event event = new Event(eventId, "DUR-000001", "CASE_UPDATED", "clerk", null, null, "{}".getBytes(StandardCharsets.UTF_8),
                1L, 2L);
        LedgerEntry entry = new LedgerEntry(event, SHARD, position, new byte[32], new byte[32]);
        chained.put(eventId, entry);
        return entry;
    }

    @Test
    void completesWithTheReceiptOnceTheShardsDurableSizePassesItsPosition() throws Exception {
        UUID eventId = UUID.randomUUID();
        CompletableFuture<Receipt> durable = waiter(10_000).await(eventId);
        chain(eventId, 4);
        durableSizes.set(SHARD, 4); // positions 0-3 durable: not this one
        assertThat(durable.isDone()).isFalse();
        durableSizes.set(SHARD, 5);
        Receipt receipt = durable.get(10, TimeUnit.SECONDS);
        assertThat(receipt.shard()).isEqualTo(SHARD);
        assertThat(receipt.position()).isEqualTo(4);
    }

    @Test
    void failsWithTheTypedTimeoutWhenTheRowIsNeverCommitted() {
        UUID eventId = UUID.randomUUID();
        chain(eventId, 0);
        CompletableFuture<Receipt> durable = waiter(300).await(eventId);
        assertThatThrownBy(() -> durable.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(DurableTimeoutException.class).hasMessageContaining("chained at shard=" + SHARD + " position=0");
    }

    @Test
    void closingFailsEveryWaitInsteadOfLeavingItPending() {
        DurableWaiter waiter = waiter(60_000);
        List<CompletableFuture<Receipt>> waits = List.of(waiter.await(UUID.randomUUID()), waiter.await(UUID.randomUUID()));
        waiter.close();
        assertThat(waits).allSatisfy(wait -> assertThatThrownBy(() -> wait.get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(DurableTimeoutException.class).hasMessageContaining("client closed"));
        assertThat(waiter.waitingCount()).isZero();
    }
}
