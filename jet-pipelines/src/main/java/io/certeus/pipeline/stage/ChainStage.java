package io.certeus.pipeline.stage;

import com.hazelcast.jet.core.metrics.Metrics;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.EventKey;

import java.util.Map;

/**
 * The chain stage's function: links an accepted, first-seen event at the next position of its
 * shard ({@link ChainState}), hashing with the core's canonical encoding.
 *
 * <p>Thread-safe: one {@link LedgerHasher} per thread (Jet runs a processor on one thread at a time).
 */
public final class ChainStage {
    private static final ThreadLocal<LedgerHasher> HASHER = ThreadLocal.withInitial(LedgerHasher::new);

    private ChainStage() {
    }

    /** Call from a Jet processor (metrics context). */
    public static LedgerEntry append(ChainState state, Map.Entry<EventKey, Event> entry) {
        Metrics.metric(StageMetrics.CHAIN_ENTRIES).increment();
        return state.append(entry.getKey().shard(), entry.getValue(), HASHER.get());
    }
}
