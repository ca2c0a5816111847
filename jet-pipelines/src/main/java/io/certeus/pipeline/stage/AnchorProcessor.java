package io.certeus.pipeline.stage;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.core.AbstractProcessor;
import com.hazelcast.jet.core.metrics.Metric;
import com.hazelcast.jet.core.metrics.Metrics;
import io.certeus.core.merkle.AnchorCalculator;
import io.certeus.core.metrics.StageMetrics;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.ShardHead;
import io.certeus.core.shard.Shards;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The anchor stage: receives every shard head the chain stage produces (all routed to one
 * processor by a constant grouping key) and, every {@code intervalMs} of wall clock while at least
 * one head moved, emits the next {@link Anchor}. So anchors come on time however few shards are busy,
 * and none is produced while nothing changed.
 *
 * <p>Replay stability: heads, the anchor sequence and the previous anchor hash are snapshotted.
 * After a restore (or on a fresh job) the processor first adopts the newest anchor already written
 * ({@link AnchorLookup}): anchors emitted after the last snapshot are therefore never re-emitted with
 * other content; the chain continues from the last written anchor, and heads never move backwards.
 * And every anchor is claimed before it is emitted ({@link AnchorLookup#claim}, the anchors map's
 * {@code putIfAbsent}, which also finds what PostgreSQL holds): when its sequence was written first by
 * another run (an anchor emitted after the snapshot but not yet visible to the adoption), that one
 * is adopted instead, so the anchor chain never forks across restarts.
 * Entry contents are deterministic, so an adopted head always matches the replayed ledger.
 * A fresh job starts from its {@link ChainSeed}'s heads and anchor tip (after a full-grid restart
 * the anchors map is empty in memory, so the lookup alone would restart the chain at sequence 0).
 *
 * <p>Not thread-safe: a Jet processor; Jet calls it from one thread. Non-cooperative because the
 * adoption reads an IMap.
 */
public final class AnchorProcessor extends AbstractProcessor {
    /** Grouping key and snapshot key: every head goes to the processor that owns this key's partition. */
    public static final String ANCHOR_KEY = "certeus-anchor";

    private final long intervalNanos;
    private final AnchorLookup lookup;

    private AnchorState state;
    private boolean holdsState;
    private boolean adoptionDue = true;
    private Anchor pending;
    private long nextDueNanos;
    private AnchorCalculator calculator;
    private HazelcastInstance member;
    private Metric emitted;
    private Metric sequenceGauge;
    private Metric adopted;

    /** Starting from an empty ledger. */
    public AnchorProcessor(long intervalMs, AnchorLookup lookup) {
        this(intervalMs, lookup, new AnchorState(Shards.SHARD_COUNT));
    }

    /**
     * Starting from {@code initial} (a fresh job's {@link ChainSeed#anchorState()}) unless a snapshot
     * is restored: the restored state replaces it, since it descends from the same seed.
     */
    public AnchorProcessor(long intervalMs, AnchorLookup lookup, AnchorState initial) {
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.lookup = lookup;
        this.state = initial;
    }

    @Override
    public boolean isCooperative() {
        return false;
    }

    @Override
    protected void init(Context context) {
        member = context.hazelcastInstance();
        calculator = new AnchorCalculator();
        emitted = Metrics.metric(StageMetrics.ANCHOR_EMITTED);
        sequenceGauge = Metrics.metric(StageMetrics.ANCHOR_SEQUENCE);
        adopted = Metrics.metric(StageMetrics.ANCHOR_ADOPTED);
        nextDueNanos = System.nanoTime() + intervalNanos;
    }

    @Override
    protected boolean tryProcess(int ordinal, Object item) {
        adoptIfDue();
        holdsState = true;
        state.advance((ShardHead) item);
        tryEmitDue();
        return true;
    }

    @Override
    public boolean tryProcess() {
        adoptIfDue();
        return tryEmitDue();
    }

    @Override
    public boolean complete() {
        adoptIfDue();
        tryEmitDue();
        return false;
    }

    @Override
    public boolean saveToSnapshot() {
        if (pending != null && !flushPending()) {
            return false;
        }
        return !holdsState || tryEmitToSnapshot(ANCHOR_KEY, state.copy());
    }

    @Override
    protected void restoreFromSnapshot(Object key, Object value) {
        AnchorState restored = (AnchorState) value;
        if (!holdsState || restored.nextSequence() > state.nextSequence()) {
            state = restored;
        }
        holdsState = true;
        adoptionDue = true;
    }

    private void adoptIfDue() {
        if (!adoptionDue) {
            return;
        }
        adoptionDue = false;
        Anchor newest = lookup.latest(member);
        if (newest != null && newest.sequence() >= state.nextSequence()) {
            state.adopt(newest);
            adopted.increment();
            sequenceGauge.set(newest.sequence());
            getLogger().info("certeus anchor: continuing after written anchor: sequence=" + newest.sequence());
        }
    }

    @Override
    public boolean finishSnapshotRestore() {
        adoptionDue = true;
        return true;
    }

    private boolean tryEmitDue() {
        if (pending != null) {
            return flushPending();
        }
        if (!state.dirty()) {
            return true;
        }
        long now = System.nanoTime();
        if (now - nextDueNanos < 0) {
            return true;
        }
        long wallMicros = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
        long anchoredAtMicros = Math.max(wallMicros, state.lastAnchoredAtMicros() + 1);
        pending = state.nextAnchor(calculator, anchoredAtMicros);
        Anchor first = lookup.claim(member, pending);
        if (first != null && !Arrays.equals(first.anchorHash(), pending.anchorHash())) {
            // This sequence was written first by an earlier run of the job (after the snapshot this run
            // restarted from, or before a full restart): continue that chain instead of forking it.
            pending = null;
            state.adopt(first);
            adopted.increment();
            sequenceGauge.set(first.sequence());
            getLogger().info("certeus anchor: sequence already written, continuing after it: sequence=" + first.sequence());
            return true;
        }
        state.anchored(pending);
        holdsState = true; // a seeded state can anchor before any head arrives; snapshot it from now on
        nextDueNanos = now + intervalNanos;
        return flushPending();
    }

    private boolean flushPending() {
        if (!tryEmit(pending)) {
            return false;
        }
        emitted.increment();
        sequenceGauge.set(pending.sequence());
        pending = null;
        return true;
    }
}
