package io.certeus.pipeline.stage;

import com.hazelcast.jet.core.metrics.Metrics;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.EventKey;

import java.util.Map;

/**
 * The chain stage's function: links an accepted, first-seen event at the next position of its
 * shard ({@link ChainState}), hashing with the core's canonical encoding. A shard the stage has no
 * state for starts at its head in the job's {@link ChainSeed}.
 *
 * <p>Thread-safe: one {@link LedgerHasher} per thread (Jet runs a processor on one thread at a time).
 */
public final class ChainStage {
    private static final ThreadLocal<LedgerHasher> HASHER = ThreadLocal.withInitial(LedgerHasher::new);

    private ChainStage() {
    }

    /** Call from a Jet processor (metrics context). */
    public static LedgerEntry append(ChainSeed seed, ChainState state, Map.Entry<EventKey, Event> entry) {
        Metrics.metric(StageMetrics.CHAIN_ENTRIES).increment();
        int shard = entry.getKey().shard();
        // Replay-safe: the seed is the ledger at submission, fixed for the job's life. A shard's later
        // entries are all produced by this job, so they are in its snapshots (restored states have
        // started and ignore the seed) or are replayed from the same seed and journal identically.
        state.startAt(seed, shard);
        return state.append(shard, entry.getValue(), HASHER.get());
    }
}
