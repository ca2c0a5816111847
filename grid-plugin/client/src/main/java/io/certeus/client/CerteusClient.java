package io.certeus.client;

import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.certeus.client.internal.AppendBatcher;
import io.certeus.client.internal.AppendErrors;
import io.certeus.client.internal.CapacityWaitingAppender;
import io.certeus.client.internal.DurableWaiter;
import io.certeus.client.internal.PerMemberIngestWriter;
import io.certeus.core.MapNames;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.Receipt;
import io.certeus.core.proof.InclusionProof;
import io.certeus.core.proof.ProofBuilder;
import io.certeus.core.protocol.CaseHistoryTask;
import io.certeus.core.protocol.DurableSizes;
import io.certeus.core.protocol.EventLookupTask;
import io.certeus.core.retry.Backoff;
import io.certeus.core.retry.Causes;
import io.certeus.core.retry.Poll;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.core.validation.ClusterEventLimits;
import io.certeus.core.validation.EventValidator;
import io.certeus.core.validation.InvalidEventException;
import io.certeus.core.validation.Violation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The application's door to the ledger, over the Hazelcast Java client: append events, then read
 * receipts, a case's history and inclusion proofs. Events are validated here with the same rules
 * the pipeline applies, so most mistakes surface at once as {@link InvalidEventException}.
 *
 * <pre>{@code
 * try (CerteusClient certeus = CerteusClient.connect(clientConfig, ClientSettings.defaults())) {
 *     Event event = EventBuilder.event("ABC-123456", EventType.CASE_CREATED)
 *             .actor("clerk@court.example").payload("{\"title\":\"Smith v. Jones\"}").build();
 *     certeus.append(event).join();
 *     Receipt receipt = certeus.receipt(event.eventId()).join();
 * }
 * }</pre>
 *
 * <p>Thread-safe: share one instance across the application's threads.
 */
public final class CerteusClient implements AutoCloseable {
    /** The executor of member-side lookups (case history, receipts from the archive). */
    private static final String QUERY_EXECUTOR = "certeus-queries";
    /** Receipt looks: the members' archive is asked at look {@value #ARCHIVE_LOOK_AFTER} (about 0.3 s in) and every {@value #ARCHIVE_LOOK_EVERY} after. */
    private static final int ARCHIVE_LOOK_AFTER = 7;
    private static final int ARCHIVE_LOOK_EVERY = 16;
    /** Between looks for a receipt or an anchor: 2 ms, doubling to 200 ms. */
    static final Backoff PIPELINE_POLL = Backoff.exponential(2, 200);
    /** Before resending a refusal that carries no hint (the client's own in-flight limit): 1 ms, doubling to 50 ms. */
    static final Backoff NO_HINT_RESEND = Backoff.exponential(1, 50);
    private static final Backoff PROXY_RETRY = Backoff.exponential(100, 1_000);
    /** Ledger entries read per getAll when collecting a proof's segment (~300 KB at ~300 bytes each). */
    private static final int SEGMENT_CHUNK = 1_000;

    private final HazelcastInstance hazelcast;
    private final boolean ownsHazelcast;
    private final ClientSettings settings;
    private final EventValidator validator;
    private final AppendBatcher batcher;
    private final IMap<LedgerKey, LedgerEntry> ledger;
    private final IMap<Long, Anchor> anchors;
    private final ScheduledExecutorService poller;
    private final ScheduledExecutorService resends;
    private final CapacityWaitingAppender capacityWaiting;
    private final DurableWaiter durableWaiter;

    private CerteusClient(HazelcastInstance hazelcast, boolean ownsHazelcast, ClientSettings settings, EventValidator validator) {
        this.hazelcast = hazelcast;
        this.ownsHazelcast = ownsHazelcast;
        this.settings = settings;
        this.validator = validator;
        this.batcher = new AppendBatcher(created("the ingest writer", () -> new PerMemberIngestWriter(hazelcast)), settings,
                AppendErrors::toClientException);
        this.ledger = created(MapNames.LEDGER, () -> hazelcast.getMap(MapNames.LEDGER));
        this.anchors = created(MapNames.ANCHORS, () -> hazelcast.getMap(MapNames.ANCHORS));
        // Receipt lookups are blocking queries; two threads keep one slow lookup from holding up the rest.
        this.poller = scheduler(2, "certeus-client-poller");
        // Resends wait for room in the batcher (up to admitWaitMs): on their own thread, apart from receipt lookups.
        this.resends = scheduler(1, "certeus-client-resends");
        this.capacityWaiting = new CapacityWaitingAppender(batcher::submit, resends, NO_HINT_RESEND);
        IMap<String, long[]> durable = created(MapNames.DURABLE, () -> hazelcast.getMap(MapNames.DURABLE));
        this.durableWaiter = new DurableWaiter(poller, this::chainedEntries, this::findReceiptAnywhere,
                () -> DurableSizes.read(durable), settings.durableTimeoutMs());
    }

    /**
     * Creates proxies, which is a call to the members: while a member leaves, or one that has just
     * joined has no majority yet, that call fails, so it is made again until the receipt timeout.
     */
    private <T> T created(String what, Supplier<T> create) {
        try {
            return Poll.forValue("grid proxies: " + what, PROXY_RETRY, settings.receiptTimeoutMs(), () -> {
                try {
                    return create.get();
                } catch (RuntimeException e) {
                    if (!membershipChanging(e)) {
                        throw e;
                    }
                    return null;
                }
            });
        } catch (TimeoutException e) {
            throw new CerteusTimeoutException("the grid did not create " + what + " in time: timeoutMs=" + settings.receiptTimeoutMs(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CerteusClientException("interrupted while connecting: " + what, e);
        }
    }

    private static boolean membershipChanging(Throwable error) {
        return Causes.findAny(error, RetryableException.class, TargetDisconnectedException.class,
                SplitBrainProtectionException.class) != null;
    }

    private static ScheduledExecutorService scheduler(int threads, String name) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    /** Starts a Hazelcast client from {@code config} and owns it: {@link #close} shuts it down. */
    public static CerteusClient connect(ClientConfig config, ClientSettings settings) {
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        return new CerteusClient(client, true, settings, gridValidator(client, settings));
    }

    /** Uses an existing client (or member) instance, which stays open after {@link #close}. */
    public static CerteusClient using(HazelcastInstance hazelcast, ClientSettings settings) {
        return new CerteusClient(hazelcast, false, settings, gridValidator(hazelcast, settings));
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /**
     * Sends one event, complete at the client's default {@link ClientSettings#durability()}. Throws
     * {@link InvalidEventException} at once for an event that breaks a rule; the future fails with
     * {@link BackpressureException} under backpressure and with {@link CerteusTimeoutException} when
     * the grid does not acknowledge in time. With {@link Durability#GRID} completion means the event
     * is stored in the ingest map (replicated), and {@link #receipt} says when it is chained.
     */
    public CompletableFuture<Void> append(Event event) {
        return append(event, settings.durability());
    }

    /**
     * As {@link #append(Event)} at {@code durability}: {@link Durability#POSTGRES} completes only once
     * the event's ledger row is committed in PostgreSQL ({@link #appendDurably} gives its receipt).
     */
    public CompletableFuture<Void> append(Event event, Durability durability) {
        if (durability == Durability.POSTGRES) {
            return appendDurably(event).thenApply(receipt -> null);
        }
        requireAppendable(event, -1);
        return batcher.submit(event);
    }

    /**
     * Sends one event and completes with its receipt once its ledger row, with every earlier entry of
     * its shard, is committed in PostgreSQL ({@link Durability#POSTGRES}): it then survives every
     * member dying at once. Fails as {@link #append(Event)} does, or with {@link DurableTimeoutException}
     * when it is not known to be in PostgreSQL within {@link ClientSettings#durableTimeoutMs()}.
     */
    public CompletableFuture<Receipt> appendDurably(Event event) {
        requireAppendable(event, -1);
        return batcher.submit(event).thenCompose(stored -> durableWaiter.await(event.eventId()));
    }

    /**
     * Completes with the receipt of an event appended earlier once its ledger row is committed in
     * PostgreSQL; fails with {@link DurableTimeoutException} after {@link ClientSettings#durableTimeoutMs()}.
     * For events acknowledged at {@link Durability#GRID}, e.g. by {@link #appendWaitingForCapacity}.
     */
    public CompletableFuture<Receipt> awaitDurable(UUID eventId) {
        return durableWaiter.await(eventId);
    }

    /** Validates every event first (nothing is sent if one is invalid), then sends them all. */
    public CompletableFuture<Void> appendAll(Collection<Event> events) {
        int index = 0;
        for (Event event : events) {
            requireAppendable(event, index++);
        }
        List<CompletableFuture<Void>> futures = new ArrayList<>(events.size());
        for (Event event : events) {
            futures.add(batcher.submit(event));
        }
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]));
    }

    /**
     * Validates every event first (nothing is sent if one is invalid), then sends them all and resends
     * each one refused for backpressure until it is stored: refusals by the client's in-flight limit
     * (which pause the calling thread before it sends on) and by the grid, at once or later (resent
     * from the client's resend thread after the grid's {@link BackpressureException#retryAfterMs()}).
     * Only refused events are sent again; resending is safe, the pipeline stores an eventId once.
     *
     * <p>The future completes when every event is stored in the ingest map; it fails with
     * {@link CapacityTimeoutException} when an event is still refused at the deadline ({@code timeout}
     * from this call, for all events), and with any other failure as {@link #append} does (a
     * {@link CerteusTimeoutException} is not resent: its outcome is unknown).
     */
    public CompletableFuture<Void> appendWaitingForCapacity(Collection<Event> events, Duration timeout) {
        return appendWaitingForCapacity(events, timeout, RefusalListener.NONE);
    }

    /** As {@link #appendWaitingForCapacity(Collection, Duration)}, telling {@code listener} about every refused attempt. */
    public CompletableFuture<Void> appendWaitingForCapacity(Collection<Event> events, Duration timeout, RefusalListener listener) {
        int index = 0;
        for (Event event : events) {
            requireAppendable(event, index++);
        }
        return capacityWaiting.appendAll(events, timeout.toMillis(), listener);
    }

    /**
     * As {@link #appendWaitingForCapacity(Collection, Duration, RefusalListener)}, with one future per
     * event, in the order given: for callers that report what happened to each event even when some
     * fail (the CLI's {@code append}).
     */
    public List<CompletableFuture<Void>> appendEachWaitingForCapacity(List<Event> events, Duration timeout,
            RefusalListener listener) {
        int index = 0;
        for (Event event : events) {
            requireAppendable(event, index++);
        }
        return capacityWaiting.appendEach(events, timeout.toMillis(), listener);
    }

    /** Validates with the limits the grid's pipeline enforces, so the client refuses what the pipeline would. */
    private static EventValidator gridValidator(HazelcastInstance hazelcast, ClientSettings settings) {
        return new EventValidator(ClusterEventLimits.fetchOrDefaults(hazelcast, settings.receiptTimeoutMs()));
    }

    /** Events sent and not yet acknowledged by the grid. */
    public int inFlightAppends() {
        return batcher.inFlight();
    }

    private void requireAppendable(Event event, int index) {
        // Any ingestedAt the caller set is replaced by the owning member's stamp (IngestStampInterceptor).
        Violation violation = validator.validate(event);
        if (violation != null) {
            if (index >= 0) {
                violation = new Violation(violation.reason(), violation.message() + ", index=" + index);
            }
            throw new InvalidEventException(violation);
        }
    }

    /**
     * Completes with the receipt once the event is chained and its ledger entry is readable (so
     * {@link #history} and {@link #proof} see it), or fails with {@link CerteusTimeoutException}.
     * The receipt is read from the ledger entry itself, from the grid's index; when the grid has not
     * answered for a few looks (an event just appended is usually there within those), a member is
     * asked, which also finds entries the grid no longer holds in PostgreSQL ({@link EventLookupTask}),
     * so the receipt of any event ever chained is found without every receipt costing a database query.
     */
    public CompletableFuture<Receipt> receipt(UUID eventId) {
        AtomicInteger looks = new AtomicInteger();
        CompletableFuture<Receipt> found = Poll.forValueAsync("receipt of eventId=" + eventId, PIPELINE_POLL,
                settings.receiptTimeoutMs(), poller,
                () -> looks.getAndIncrement() % ARCHIVE_LOOK_EVERY == ARCHIVE_LOOK_AFTER ? findReceiptAnywhere(eventId) : findReceipt(eventId));
        return mapFailure(found, error -> error instanceof TimeoutException
                ? new CerteusTimeoutException("no receipt in time: eventId=" + eventId + ", timeoutMs=" + settings.receiptTimeoutMs()
                        + "; the event is not chained yet, was rejected, or was never appended")
                : new CerteusClientException("receipt lookup failed: eventId=" + eventId, error));
    }

    private static <T> CompletableFuture<T> mapFailure(CompletableFuture<T> source, Function<Throwable, RuntimeException> mapper) {
        CompletableFuture<T> mapped = new CompletableFuture<>();
        source.whenComplete((value, error) -> {
            if (error == null) {
                mapped.complete(value);
            } else {
                mapped.completeExceptionally(mapper.apply(error));
            }
        });
        return mapped;
    }

    /** The receipt of the ledger entry holding {@code eventId} in the grid, or {@code null} while there is none. */
    private Receipt findReceipt(UUID eventId) {
        return firstReceipt(ledger.values(Predicates.equal(MapNames.LEDGER_EVENT_ID_ATTRIBUTE, eventId.toString())));
    }

    /** The grid's ledger entries holding any of {@code eventIds}, from its index. */
    private Collection<LedgerEntry> chainedEntries(Collection<UUID> eventIds) {
        return ledger.values(Predicates.in(MapNames.LEDGER_EVENT_ID_ATTRIBUTE,
                eventIds.stream().map(UUID::toString).toArray(String[]::new)));
    }

    /** As {@link #findReceipt}, also from the members' archive (PostgreSQL) for entries the grid no longer holds. */
    private Receipt findReceiptAnywhere(UUID eventId) {
        try {
            return firstReceipt(hazelcast.getExecutorService(QUERY_EXECUTOR).submit(new EventLookupTask(eventId))
                    .get(settings.receiptTimeoutMs(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CerteusClientException("receipt lookup interrupted: eventId=" + eventId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new CerteusClientException("receipt lookup failed: eventId=" + eventId, e);
        }
    }

    private static Receipt firstReceipt(Collection<LedgerEntry> found) {
        LedgerEntry first = null;
        for (LedgerEntry entry : found) {
            if (first == null || entry.shard() < first.shard()
                    || (entry.shard() == first.shard() && entry.position() < first.position())) {
                first = entry; // an id chained twice would be a bug the verifier reports; answer with the first
            }
        }
        return first == null ? null : Receipt.of(first);
    }

    /**
     * The case's ledger entries in position order: what the grid holds, completed from PostgreSQL
     * by the member that owns the case's shard.
     */
    public List<LedgerEntry> history(String caseId) {
        if (!EventValidator.isValidCaseId(caseId)) {
            throw new IllegalArgumentException("caseId must match ^[A-Z]{3}-[0-9]{6}$: caseId=" + caseId);
        }
        try {
            return hazelcast.getExecutorService(QUERY_EXECUTOR)
                    .submitToKeyOwner(new CaseHistoryTask(caseId), Shards.pinningKey(Shards.shardOf(caseId)))
                    .get(settings.receiptTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CerteusTimeoutException("history not returned in time: caseId=" + caseId + ", timeoutMs="
                    + settings.receiptTimeoutMs());
        } catch (ExecutionException e) {
            throw new CerteusClientException("history failed: caseId=" + caseId, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CerteusClientException("interrupted while reading history: caseId=" + caseId, e);
        }
    }

    /**
     * An inclusion proof of the event against the newest anchor that covers it; waits (up to the
     * receipt timeout) for the event to be chained and anchored. The proof verifies offline with
     * {@link io.certeus.core.verify.ProofVerifier}.
     */
    public InclusionProof proof(UUID eventId) {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.receiptTimeoutMs());
        Receipt receipt = receipt(eventId).join();
        long remainingMs = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime()));
        try {
            return Poll.forValue("anchor covering eventId=" + eventId, PIPELINE_POLL, remainingMs, () -> {
                Anchor anchor = latestAnchor();
                boolean covered = anchor != null && anchor.shardSizes()[receipt.shard()] > receipt.position();
                return covered ? proofFrom(anchor, receipt) : null;
            });
        } catch (TimeoutException e) {
            throw new CerteusTimeoutException("event not anchored (or its segment not committed) in time: eventId=" + eventId + ", shard="
                    + receipt.shard() + ", position=" + receipt.position() + ", timeoutMs=" + settings.receiptTimeoutMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CerteusClientException("interrupted while waiting for an anchor: eventId=" + eventId, e);
        }
    }

    /** The anchor with the highest sequence, or {@code null} before the first one. */
    public Anchor latestAnchor() {
        Long newest = newestAnchorSequence();
        return newest == null ? null : anchors.get(newest);
    }

    /**
     * Reads whose proofs are checked against an anchor the caller trusts and against every anchor after
     * it ({@link VerifiedReads}). Reads the starting anchor from the grid (PostgreSQL behind it) and
     * checks it: throws {@link VerificationException} when the grid's anchor at {@code start}'s sequence
     * is missing or differs, and {@link CerteusTimeoutException} when {@link TrustedAnchor#trustOnFirstUse()}
     * finds no anchor within the receipt timeout.
     */
    public VerifiedReads verifiedReads(TrustedAnchor start) {
        return VerifiedReads.start(this, start);
    }

    /** The highest anchor sequence the grid holds in memory (the newest anchor always is), or {@code null} before the first. */
    Long newestAnchorSequence() {
        return anchors.aggregate(Aggregators.longMax("sequence"));
    }

    /** The anchors map: an anchor the grid evicted loads back from PostgreSQL. */
    IMap<Long, Anchor> anchors() {
        return anchors;
    }

    ClientSettings settings() {
        return settings;
    }

    /** The proof, or {@code null} while part of the anchored segment is not committed to the ledger map yet. */
    private InclusionProof proofFrom(Anchor anchor, Receipt receipt) {
        List<LedgerEntry> segment = anchoredSegment(anchor, receipt.shard(), receipt.position());
        return segment == null ? null : new ProofBuilder().build(anchor, segment);
    }

    /**
     * The entries of {@code shard} from {@code fromPosition} up to the head {@code anchor} records for it,
     * read {@value #SEGMENT_CHUNK} at a time, or {@code null} while one of them is not committed to the
     * ledger map yet (the anchor and ledger sinks write independently; the entry follows shortly).
     */
    List<LedgerEntry> anchoredSegment(Anchor anchor, int shard, long fromPosition) {
        long headPosition = anchor.shardSizes()[shard] - 1;
        List<LedgerEntry> segment = new ArrayList<>((int) Math.max(0, Math.min(headPosition - fromPosition + 1, SEGMENT_CHUNK)));
        for (long chunkStart = fromPosition; chunkStart <= headPosition; chunkStart += SEGMENT_CHUNK) {
            long chunkEnd = Math.min(headPosition, chunkStart + SEGMENT_CHUNK - 1);
            Set<LedgerKey> keys = new HashSet<>();
            for (long position = chunkStart; position <= chunkEnd; position++) {
                keys.add(new LedgerKey(shard, position));
            }
            Map<LedgerKey, LedgerEntry> found = ledger.getAll(keys);
            for (long position = chunkStart; position <= chunkEnd; position++) {
                LedgerEntry entry = found.get(new LedgerKey(shard, position));
                if (entry == null) {
                    return null;
                }
                segment.add(entry);
            }
        }
        return segment;
    }

    /** Sends what is queued, waits for acknowledgements, then releases the client. */
    @Override
    public void close() {
        batcher.close();
        resends.shutdown(); // resends already scheduled still run, and fail at once with ClientClosedException
        poller.shutdownNow();
        durableWaiter.close(); // after the poller: no round can run any more
        if (ownsHazelcast) {
            hazelcast.shutdown();
        }
    }
}
