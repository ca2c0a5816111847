package io.certeus.client;

import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.Receipt;
import io.certeus.core.proof.InclusionProof;
import io.certeus.core.proof.ProofBuilder;
import io.certeus.core.shard.EventKey;
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
    private final IMap<UUID, Receipt> receipts;
    private final IMap<LedgerKey, LedgerEntry> ledger;
    private final IMap<Long, Anchor> anchors;
    private final ScheduledExecutorService poller;

    private CerteusClient(HazelcastInstance hazelcast, boolean ownsHazelcast, ClientSettings settings, EventValidator validator) {
        this.hazelcast = hazelcast;
        this.ownsHazelcast = ownsHazelcast;
        this.settings = settings;
        this.validator = validator;
        this.batcher = new AppendBatcher(new PerMemberIngestWriter(hazelcast), settings, AppendErrors::toClientException);
        this.receipts = hazelcast.getMap(MapNames.RECEIPTS);
        this.ledger = hazelcast.getMap(MapNames.LEDGER);
        this.anchors = hazelcast.getMap(MapNames.ANCHORS);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> {
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
        return batcher.submit(new EventKey(event.eventId(), Shards.shardOf(event.caseId())), event);
    }

    /** Validates every event first (nothing is sent if one is invalid), then sends them all. */
    public CompletableFuture<Void> appendAll(Collection<Event> events) {
        int index = 0;
        for (Event event : events) {
            requireAppendable(event, index++);
        }
        List<CompletableFuture<Void>> futures = new ArrayList<>(events.size());
        for (Event event : events) {
            futures.add(batcher.submit(new EventKey(event.eventId(), Shards.shardOf(event.caseId())), event));
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
     */
    public CompletableFuture<Receipt> receipt(UUID eventId) {
        CompletableFuture<Receipt> result = new CompletableFuture<>();
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.receiptTimeoutMs());
        pollReceipt(eventId, result, deadlineNs, FIRST_POLL_MS);
        return result;
    }

    private void pollReceipt(UUID eventId, CompletableFuture<Receipt> result, long deadlineNs, long delayMs) {
        receipts.getAsync(eventId).whenComplete((receipt, error) -> {
            if (error != null) {
                result.completeExceptionally(new CerteusClientException("receipt lookup failed: eventId=" + eventId, error));
            } else if (receipt != null) {
                pollCommitted(receipt, result, deadlineNs, FIRST_POLL_MS);
            } else if (System.nanoTime() - deadlineNs > 0) {
                result.completeExceptionally(new CerteusTimeoutException("no receipt in time: eventId=" + eventId
                        + ", timeoutMs=" + settings.receiptTimeoutMs()
                        + "; the event is not chained yet, was rejected, or was never appended"));
            } else {
                poller.schedule(() -> pollReceipt(eventId, result, deadlineNs, Math.min(delayMs * 2, MAX_POLL_MS)),
                        delayMs, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** The receipt and ledger sinks write independently: wait until the entry itself is readable. */
    private void pollCommitted(Receipt receipt, CompletableFuture<Receipt> result, long deadlineNs, long delayMs) {
        ledger.getAsync(new LedgerKey(receipt.shard(), receipt.position())).whenComplete((entry, error) -> {
            if (error != null) {
                result.completeExceptionally(new CerteusClientException("ledger lookup failed: eventId=" + receipt.eventId(), error));
            } else if (entry != null) {
                result.complete(receipt);
            } else if (System.nanoTime() - deadlineNs > 0) {
                result.completeExceptionally(new CerteusTimeoutException("ledger entry not readable in time: eventId="
                        + receipt.eventId() + ", shard=" + receipt.shard() + ", position=" + receipt.position()));
            } else {
                poller.schedule(() -> pollCommitted(receipt, result, deadlineNs, Math.min(delayMs * 2, MAX_POLL_MS)),
                        delayMs, TimeUnit.MILLISECONDS);
            }
        });
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
