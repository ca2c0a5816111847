package io.certeus.pipeline;

import com.hazelcast.jet.pipeline.Sink;
import com.hazelcast.jet.pipeline.Sinks;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.Receipt;
import io.certeus.core.model.RejectedEvent;
import io.certeus.core.shard.EventKey;
import io.certeus.core.shard.LedgerKey;
import io.certeus.grid.MapNames;
import io.certeus.pipeline.stage.AnchorLookup;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The outputs of the ledger pipeline, handed to {@link LedgerPipeline#build} so tests can collect
 * them in lists while production writes the CERTEUS maps.
 *
 * <p>Every production sink is a keyed put or remove, so a replay after failover rewrites identical
 * values (idempotent sinks, as exactly-once with IMaps requires).
 *
 * <p>Thread-safe: immutable.
 */
public final class LedgerSinks {
    private final Sink<LedgerEntry> ledger;
    private final Sink<Receipt> receipts;
    private final Sink<Map.Entry<UUID, RejectedEvent>> rejected;
    private final Sink<Anchor> anchors;
    private final Sink<EventKey> ingestCleanup;
    private final AnchorLookup anchorLookup;

    public LedgerSinks(Sink<LedgerEntry> ledger, Sink<Receipt> receipts, Sink<Map.Entry<UUID, RejectedEvent>> rejected, Sink<Anchor> anchors,
            Sink<EventKey> ingestCleanup, AnchorLookup anchorLookup) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.rejected = Objects.requireNonNull(rejected, "rejected");
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.ingestCleanup = Objects.requireNonNull(ingestCleanup, "ingestCleanup");
        this.anchorLookup = Objects.requireNonNull(anchorLookup, "anchorLookup");
    }

    /**
     * The CERTEUS maps: ledger {@code LedgerKey -> LedgerEntry}, receipts {@code UUID -> Receipt},
     * rejected {@code UUID -> RejectedEvent} (keyed by the ingest key's eventId, present even when the event lacks one), anchors {@code Long -> Anchor}; consumed ingest keys are removed.
     */
    public static LedgerSinks grid() {
        return new LedgerSinks(
                Sinks.map(MapNames.LEDGER, e -> new LedgerKey(e.shard(), e.position()), e -> e),
                Sinks.map(MapNames.RECEIPTS, Receipt::eventId, r -> r),
                Sinks.map(MapNames.REJECTED),
                Sinks.map(MapNames.ANCHORS, Anchor::sequence, a -> a),
                Sinks.<EventKey, EventKey, Object>mapWithUpdating(MapNames.INGEST, k -> k, (old, k) -> null),
                AnchorLookup.imap(MapNames.ANCHORS));
    }

    public Sink<LedgerEntry> ledger() {
        return ledger;
    }

    public Sink<Receipt> receipts() {
        return receipts;
    }

    public Sink<Map.Entry<UUID, RejectedEvent>> rejected() {
        return rejected;
    }

    public Sink<Anchor> anchors() {
        return anchors;
    }

    public Sink<EventKey> ingestCleanup() {
        return ingestCleanup;
    }

    public AnchorLookup anchorLookup() {
        return anchorLookup;
    }
}
