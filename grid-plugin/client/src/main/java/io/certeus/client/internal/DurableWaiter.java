package io.certeus.client.internal;

import io.certeus.client.DurableTimeoutException;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.Receipt;
import io.certeus.core.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Completes appends that asked for PostgreSQL durability, with no database round trip per event. One
 * loop serves every waiting event: it finds the ledger entries of events it has not located yet (one
 * indexed grid query per {@value #IDS_PER_QUERY} ids), reads the grid's durable sizes (one entry, which
 * the members' ledger store raises after each commit) and completes each event whose position is
 * below its shard's durable size, with its receipt. Polls every 20 ms, slowing to 200 ms while nothing
 * completes (durability takes about a second of write-behind delay anyway); does nothing while nothing waits.
 *
 * <p>Thread-safe: {@link #await} and {@link #close} from any thread; the loop runs on the scheduler, one
 * round at a time.
 */
public final class DurableWaiter {
    private static final Logger LOG = LoggerFactory.getLogger(DurableWaiter.class);
    private static final int IDS_PER_QUERY = 512;
    private static final Backoff POLL = Backoff.exponential(20, 200);
    /**
     * An event not in the grid's index after this long is looked for in the members' archive, then
     * again each time as long, a few per round: an event just appended shows up in the grid, so the
     * archive (a database query on a member) is only for one the grid chained, stored and evicted
     * before this loop saw it. Asking sooner would load the database while the pipeline is behind.
     */
    private static final long ARCHIVE_LOOK_INTERVAL_NS = TimeUnit.SECONDS.toNanos(5);
    private static final int ARCHIVE_LOOKS_PER_ROUND = 4;

    private final ScheduledExecutorService scheduler;
    private final Function<Collection<UUID>, Collection<LedgerEntry>> chainedEntries;
    private final Function<UUID, Receipt> archivedReceipt;
    private final Supplier<long[]> durableSizes;
    private final long timeoutMs;
    private final ConcurrentMap<UUID, Waiting> waiting = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private int quietRounds;

    /**
     * @param chainedEntries  the grid's ledger entries holding any of the given eventIds
     * @param archivedReceipt the receipt of an event the grid no longer holds (asked of a member), or {@code null}
     * @param durableSizes    the grid's durable size per shard
     */
    public DurableWaiter(ScheduledExecutorService scheduler, Function<Collection<UUID>, Collection<LedgerEntry>> chainedEntries,
            Function<UUID, Receipt> archivedReceipt, Supplier<long[]> durableSizes, long timeoutMs) {
        this.scheduler = scheduler;
        this.chainedEntries = chainedEntries;
        this.archivedReceipt = archivedReceipt;
        this.durableSizes = durableSizes;
        this.timeoutMs = timeoutMs;
    }

    /** Completes with the event's receipt once its ledger row is committed in PostgreSQL; fails with {@link DurableTimeoutException}. */
    public CompletableFuture<Receipt> await(UUID eventId) {
        Waiting entry = waiting.computeIfAbsent(eventId, id -> new Waiting(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs)));
        startIfIdle(0);
        return entry.future;
    }

    private void startIfIdle(long delayMs) {
        if (running.compareAndSet(false, true)) {
            schedule(delayMs);
        }
    }

    private void schedule(long delayMs) {
        try {
            scheduler.schedule(this::round, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            running.set(false);
            close();
        }
    }

    /**
     * Fails every wait with {@link DurableTimeoutException}: the client closed, so nothing will tell
     * these appends' durability any more; as with a timeout they may well be durable (ask a new
     * client), and resending them is safe.
     */
    public void close() {
        for (UUID eventId : waiting.keySet()) {
            Waiting abandoned = waiting.remove(eventId);
            if (abandoned != null) {
                abandoned.future.completeExceptionally(new DurableTimeoutException(
                        "client closed while waiting for durability: eventId=" + eventId + "; it may be durable, ask a new client"));
            }
        }
    }

    private void round() {
        boolean progressed = false;
        try {
            progressed = locateAndComplete();
        } catch (RuntimeException e) {
            LOG.debug("certeus client: durable poll failed, retrying: waiting={}", waiting.size(), e);
        }
        expire();
        quietRounds = progressed ? 0 : quietRounds + 1;
        if (!waiting.isEmpty()) {
            schedule(POLL.delayMs(quietRounds + 1));
            return;
        }
        running.set(false);
        if (!waiting.isEmpty()) {
            startIfIdle(0); // an await raced with going idle
        }
    }

    /** One round: locate unlocated events, complete the durable ones; whether any event completed. */
    private boolean locateAndComplete() {
        List<UUID> unlocated = new ArrayList<>();
        waiting.forEach((id, entry) -> {
            if (entry.receipt == null) {
                unlocated.add(id);
            }
        });
        for (int from = 0; from < unlocated.size(); from += IDS_PER_QUERY) {
            for (LedgerEntry entry : chainedEntries.apply(unlocated.subList(from, Math.min(unlocated.size(), from + IDS_PER_QUERY)))) {
                Waiting found = waiting.get(entry.event().eventId());
                if (found != null && (found.receipt == null || entry.position() < found.receipt.position())) {
                    found.receipt = Receipt.of(entry);
                }
            }
        }
        int archiveLooks = 0;
        long nowNs = System.nanoTime();
        for (Map.Entry<UUID, Waiting> entry : waiting.entrySet()) {
            Waiting candidate = entry.getValue();
            if (candidate.receipt == null && nowNs - candidate.nextArchiveLookNs >= 0 && archiveLooks < ARCHIVE_LOOKS_PER_ROUND) {
                archiveLooks++;
                candidate.nextArchiveLookNs = nowNs + ARCHIVE_LOOK_INTERVAL_NS;
                candidate.receipt = archivedReceipt.apply(entry.getKey());
            }
        }
        long[] sizes = null;
        boolean completed = false;
        for (Map.Entry<UUID, Waiting> entry : waiting.entrySet()) {
            Receipt receipt = entry.getValue().receipt;
            if (receipt == null) {
                continue;
            }
            if (sizes == null) {
                sizes = durableSizes.get();
            }
            if (receipt.position() < sizes[receipt.shard()] && waiting.remove(entry.getKey(), entry.getValue())) {
                entry.getValue().future.complete(receipt);
                completed = true;
            }
        }
        return completed;
    }

    private void expire() {
        long nowNs = System.nanoTime();
        for (Map.Entry<UUID, Waiting> entry : waiting.entrySet()) {
            Waiting late = entry.getValue();
            if (nowNs - late.deadlineNs >= 0 && waiting.remove(entry.getKey(), late)) {
                Receipt receipt = late.receipt;
                late.future.completeExceptionally(new DurableTimeoutException("not known to be in PostgreSQL in time: eventId="
                        + entry.getKey() + ", timeoutMs=" + timeoutMs + (receipt == null ? ", not chained yet"
                        : ", chained at shard=" + receipt.shard() + " position=" + receipt.position())
                        + "; the grid acknowledged it, PostgreSQL may be down or behind"));
            }
        }
    }

    /** Events waited for; for metrics and tests. */
    public int waitingCount() {
        return waiting.size();
    }

    private static final class Waiting {
        final CompletableFuture<Receipt> future = new CompletableFuture<>();
        final long deadlineNs;
        /** Written and read by the loop only (one round at a time). */
        Receipt receipt;
        long nextArchiveLookNs = System.nanoTime() + ARCHIVE_LOOK_INTERVAL_NS;

        Waiting(long deadlineNs) {
            this.deadlineNs = deadlineNs;
        }
    }
}
