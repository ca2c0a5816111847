package io.certeus.client;

import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.Receipt;
import io.certeus.core.proof.InclusionProof;
import io.certeus.core.proof.ProofBuilder;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.core.validation.EventValidator;
import io.certeus.core.validation.InvalidEventException;
import io.certeus.core.validation.Violation;
import io.certeus.grid.MapNames;
import io.certeus.grid.archive.CaseHistoryTask;

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
    private static final long FIRST_POLL_MS = 2;
    private static final long MAX_POLL_MS = 200;

    private final HazelcastInstance hazelcast;
    private final boolean ownsHazelcast;
    private final ClientSettings settings;
    private final EventValidator validator;
    private final AppendBatcher batcher;
    private final IMap<LedgerKey, LedgerEntry> ledger;
    private final IMap<Long, Anchor> anchors;
    private final ScheduledExecutorService poller;

    private CerteusClient(HazelcastInstance hazelcast, boolean ownsHazelcast, ClientSettings settings, EventValidator validator) {
        this.hazelcast = hazelcast;
        this.ownsHazelcast = ownsHazelcast;
        this.settings = settings;
        this.validator = validator;
        this.batcher = new AppendBatcher(new PerMemberIngestWriter(hazelcast), settings, AppendErrors::toClientException);
        this.ledger = hazelcast.getMap(MapNames.LEDGER);
        this.anchors = hazelcast.getMap(MapNames.ANCHORS);
        // Receipt lookups are blocking queries; two threads keep one slow lookup from holding up the rest.
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2, r -> {
            Thread thread = new Thread(r, "certeus-client-poller");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        this.poller = scheduler;
    }

    /** Starts a Hazelcast client from {@code config} and owns it: {@link #close} shuts it down. */
    public static CerteusClient connect(ClientConfig config, ClientSettings settings) {
        return new CerteusClient(HazelcastClient.newHazelcastClient(config), true, settings, new EventValidator());
    }

    /** Uses an existing client (or member) instance, which stays open after {@link #close}. */
    public static CerteusClient using(HazelcastInstance hazelcast, ClientSettings settings) {
        return new CerteusClient(hazelcast, false, settings, new EventValidator());
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /**
     * Sends one event. Throws {@link InvalidEventException} at once for an event that breaks a rule;
     * the future fails with {@link BackpressureException} under backpressure and with
     * {@link CerteusTimeoutException} when the grid does not acknowledge in time. Completion means
     * the event is stored in the ingest map (replicated); {@link #receipt} says when it is chained.
     */
    public CompletableFuture<Void> append(Event event) {
        requireAppendable(event, -1);
        return batcher.submit(event);
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
     * The receipt is read from the ledger entry itself (an indexed query on {@code eventId}), so it
     * is found while the grid holds the entry in memory: the newest entries, not evicted ones.
     */
    public CompletableFuture<Receipt> receipt(UUID eventId) {
        CompletableFuture<Receipt> result = new CompletableFuture<>();
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.receiptTimeoutMs());
        poller.execute(() -> pollReceipt(eventId, result, deadlineNs, FIRST_POLL_MS));
        return result;
    }

    private void pollReceipt(UUID eventId, CompletableFuture<Receipt> result, long deadlineNs, long delayMs) {
        Receipt receipt;
        try {
            receipt = findReceipt(eventId);
        } catch (RuntimeException e) {
            result.completeExceptionally(new CerteusClientException("receipt lookup failed: eventId=" + eventId, e));
            return;
        }
        if (receipt != null) {
            result.complete(receipt);
        } else if (System.nanoTime() - deadlineNs > 0) {
            result.completeExceptionally(new CerteusTimeoutException("no receipt in time: eventId=" + eventId
                    + ", timeoutMs=" + settings.receiptTimeoutMs()
                    + "; the event is not chained yet, was rejected, or was never appended"));
        } else {
            poller.schedule(() -> pollReceipt(eventId, result, deadlineNs, Math.min(delayMs * 2, MAX_POLL_MS)),
                    delayMs, TimeUnit.MILLISECONDS);
        }
    }

    /** The receipt of the ledger entry holding {@code eventId}, or {@code null} while there is none. */
    private Receipt findReceipt(UUID eventId) {
        Collection<LedgerEntry> found = ledger.values(Predicates.equal(MapNames.LEDGER_EVENT_ID_ATTRIBUTE, eventId.toString()));
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
            return hazelcast.getExecutorService("certeus-queries")
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
     * {@link io.certeus.core.proof.ProofVerifier}.
     */
    public InclusionProof proof(UUID eventId) {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.receiptTimeoutMs());
        Receipt receipt = receipt(eventId).join();
        long delayMs = FIRST_POLL_MS;
        while (true) {
            Anchor anchor = latestAnchor();
            if (anchor != null && anchor.shardSizes()[receipt.shard()] > receipt.position()) {
                InclusionProof proof = proofFrom(anchor, receipt);
                if (proof != null) {
                    return proof;
                }
            }
            if (System.nanoTime() - deadlineNs > 0) {
                throw new CerteusTimeoutException("event not anchored (or its segment not committed) in time: eventId=" + eventId + ", shard="
                        + receipt.shard() + ", position=" + receipt.position() + ", timeoutMs=" + settings.receiptTimeoutMs());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(delayMs); // waiting for the next anchor, not synchronising threads
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CerteusClientException("interrupted while waiting for an anchor: eventId=" + eventId, e);
            }
            delayMs = Math.min(delayMs * 2, MAX_POLL_MS);
        }
    }

    /** The anchor with the highest sequence, or {@code null} before the first one. */
    public Anchor latestAnchor() {
        Long newest = anchors.aggregate(Aggregators.longMax("sequence"));
        return newest == null ? null : anchors.get(newest);
    }

    /** The proof, or {@code null} while part of the anchored segment is not committed to the ledger map yet. */
    private InclusionProof proofFrom(Anchor anchor, Receipt receipt) {
        int shard = receipt.shard();
        long headPosition = anchor.shardSizes()[shard] - 1;
        Set<LedgerKey> keys = new HashSet<>();
        for (long position = receipt.position(); position <= headPosition; position++) {
            keys.add(new LedgerKey(shard, position));
        }
        Map<LedgerKey, LedgerEntry> found = ledger.getAll(keys);
        List<LedgerEntry> segment = new ArrayList<>(keys.size());
        for (long position = receipt.position(); position <= headPosition; position++) {
            LedgerEntry entry = found.get(new LedgerKey(shard, position));
            if (entry == null) {
                return null; // the anchor and ledger sinks write independently; the entry follows shortly
            }
            segment.add(entry);
        }
        return new ProofBuilder().build(anchor, segment);
    }

    /** Sends what is queued, waits for acknowledgements, then releases the client. */
    @Override
    public void close() {
        batcher.close();
        poller.shutdownNow();
        if (ownsHazelcast) {
            hazelcast.shutdown();
        }
    }
}
