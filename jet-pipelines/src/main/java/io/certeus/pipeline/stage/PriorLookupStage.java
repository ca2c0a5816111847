package io.certeus.pipeline.stage;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.pipeline.ServiceFactories;
import com.hazelcast.jet.pipeline.ServiceFactory;
import io.certeus.core.hash.EventContent;
import io.certeus.core.metrics.StageMetrics;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerCandidate;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.retry.Backoff;
import io.certeus.core.shard.EventKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lookup stage, between validate and dedupe: for each batch of accepted events, asks
 * {@link PriorEntryLookup} once which of their eventIds the ledger already holds, and turns each
 * event into a {@link LedgerCandidate} that says where. Runs the (blocking) lookups on two threads
 * of its own per member; Jet's ordered async stage keeps every lane's order.
 *
 * <p>A lookup that fails (PostgreSQL down, a query refused during a migration) is logged, counted
 * ({@link StageMetrics#LOOKUP_FAILURES}) and retried with backoff until it answers: its events are
 * never decided without it, because a replay in which the same lookup succeeds would decide
 * otherwise and rewrite the shard's chain. While PostgreSQL is down the stage waits, the lanes fill
 * and appends are refused with backpressure, as the write-behind backlog check does anyway.
 *
 * <p>Thread-safe: one shared instance per member; {@link #candidates} is called from processor
 * threads, lookups run on the stage's executor.
 */
public final class PriorLookupStage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PriorLookupStage.class);
    /** Pause between attempts of a failing lookup: from 100 ms, doubling, at most 5 s. */
    private static final Backoff RETRY = Backoff.exponential(100, 5_000);
    /** Events per lookup: one grid query and at most one archive query each. */
    public static final int MAX_BATCH = 512;

    private final HazelcastInstance member;
    private final PriorEntryLookup lookup;
    /**
     * How much earlier (ingest time) a copy in another shard must have been stamped to count as this
     * event's original: a shard's chain runs independently of the others, so a younger copy may be
     * chained in one run and not yet in another (a replay); the rule must decide the same in both.
     */
    private final long crossShardSettleMicros;
    private final ExecutorService executor;
    private final AtomicLong failuresNotReported = new AtomicLong();

    PriorLookupStage(HazelcastInstance member, PriorEntryLookup lookup, long crossShardSettleMicros) {
        this.member = member;
        this.lookup = lookup;
        this.crossShardSettleMicros = crossShardSettleMicros;
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "certeus-prior-lookup");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One instance per member, closed with the job. */
    public static ServiceFactory<?, PriorLookupStage> factory(PriorEntryLookup lookup, long crossShardSettleSeconds) {
        long settleMicros = TimeUnit.SECONDS.toMicros(crossShardSettleSeconds);
        return ServiceFactories.sharedService(ctx -> new PriorLookupStage(ctx.hazelcastInstance(), lookup, settleMicros),
                PriorLookupStage::close);
    }

    /** The candidates of {@code batch}, in its order. Call from a Jet processor (metrics context). */
    public CompletableFuture<List<LedgerCandidate>> candidates(List<Map.Entry<EventKey, Event>> batch) {
        long failures = failuresNotReported.getAndSet(0);
        if (failures > 0) {
            Metrics.metric(StageMetrics.LOOKUP_FAILURES).increment(failures);
        }
        return CompletableFuture.supplyAsync(() -> resolve(batch), executor);
    }

    private List<LedgerCandidate> resolve(List<Map.Entry<EventKey, Event>> batch) {
        Set<UUID> ids = new HashSet<>();
        batch.forEach(entry -> ids.add(entry.getKey().eventId()));
        List<LedgerEntry> prior = lookUntilAnswered(ids);
        Map<UUID, List<LedgerEntry>> byId = new HashMap<>();
        prior.forEach(entry -> byId.computeIfAbsent(entry.event().eventId(), id -> new ArrayList<>()).add(entry));
        List<LedgerCandidate> candidates = new ArrayList<>(batch.size());
        for (Map.Entry<EventKey, Event> entry : batch) {
            candidates.add(candidate(entry.getKey(), entry.getValue(), byId.getOrDefault(entry.getKey().eventId(), List.of()),
                    crossShardSettleMicros));
        }
        return candidates;
    }

    /** The lookup's answer; retried with backoff until there is one, or until the stage is closed (the job ends). */
    private List<LedgerEntry> lookUntilAnswered(Set<UUID> ids) {
        for (int failures = 0; ; failures++) {
            try {
                return lookup.entriesWithEventIds(member, ids);
            } catch (RuntimeException e) {
                if (executor.isShutdown()) {
                    throw e;
                }
                failuresNotReported.incrementAndGet();
                long waitMs = RETRY.delayMs(failures + 1);
                LOG.error("certeus lookup: ledger lookup of eventIds failed; retrying, these events wait: ids={}, failures={}, "
                        + "retryInMs={}, reason={}", ids.size(), failures + 1, waitMs, e.toString());
                try {
                    TimeUnit.MILLISECONDS.sleep(waitMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("ledger lookup interrupted while retrying", interrupted);
                }
            }
        }
    }

    /** Where the ledger holds {@code event}'s id: same shard with same or other content, or another shard. */
    static LedgerCandidate candidate(EventKey key, Event event, List<LedgerEntry> prior, long crossShardSettleMicros) {
        long sameContent = LedgerCandidate.NONE;
        long otherContent = LedgerCandidate.NONE;
        int otherShard = (int) LedgerCandidate.NONE;
        long otherShardPosition = LedgerCandidate.NONE;
        for (LedgerEntry entry : prior) {
            if (entry.shard() != key.shard()) {
                // Another shard's progress is not ordered with this one's: only a copy stamped well before
                // this event is surely there in every run, so only it makes this event a conflict.
                if (entry.event().ingestedAtMicros() < event.ingestedAtMicros() - crossShardSettleMicros) {
                    otherShard = entry.shard();
                    otherShardPosition = entry.position();
                }
            } else if (EventContent.same(entry.event(), event)) {
                sameContent = lowest(sameContent, entry.position());
            } else {
                otherContent = lowest(otherContent, entry.position());
            }
        }
        return new LedgerCandidate(key, event, sameContent, otherContent, otherShard, otherShardPosition);
    }

    private static long lowest(long current, long position) {
        return current == LedgerCandidate.NONE ? position : Math.min(current, position);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
