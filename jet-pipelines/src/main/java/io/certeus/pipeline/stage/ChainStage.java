package io.certeus.pipeline.stage;

import com.hazelcast.jet.core.metrics.Metrics;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.metrics.StageMetrics;
import io.certeus.core.model.LedgerCandidate;
import io.certeus.core.model.LedgerEntry;

/**
 * The chain stage's function: settles what the ledger already holds under the candidate's eventId,
 * then links a first-seen event at the next position of its shard ({@link ChainState}), hashing
 * with the core's canonical encoding. A shard the stage has no state for starts at its head in the
 * job's {@link ChainSeed}.
 *
 * <p>What the ledger holds counts only below this shard's head: an entry at or beyond it was
 * written by a run of this job that its restored state has rolled back past, and will be written
 * again identically or overwritten, so it is neither a repeat nor a conflict. Below the head, the
 * same content is a repeat (dropped: a resend, or a resubmitted job replaying its journal), other
 * content a conflict (recorded). An entry in another shard is always a conflict: the eventId is
 * the idempotency key of the whole ledger.
 *
 * <p>Thread-safe: one {@link LedgerHasher} per thread (Jet runs a processor on one thread at a time).
 */
public final class ChainStage {
    private static final ThreadLocal<LedgerHasher> HASHER = ThreadLocal.withInitial(LedgerHasher::new);

    private ChainStage() {
    }

    /**
     * The chained entry passed on, a refusal for a conflict, {@code null} (nothing emitted) for a
     * repeat. Call from a Jet processor (metrics context).
     */
    public static StageOutcome<LedgerEntry> append(ChainSeed seed, ChainState state, LedgerCandidate candidate) {
        int shard = candidate.key().shard();
        // Replay-safe: the seed is the ledger at submission, fixed for the job's life. A shard's later
        // entries are all produced by this job, so they are in its snapshots (restored states have
        // started and ignore the seed) or are replayed from the same seed and journal identically.
        state.startAt(seed, shard);
        long head = state.nextPosition();
        if (below(candidate.sameContentPosition(), head)) {
            Metrics.metric(StageMetrics.CHAIN_LEDGER_REPEATS).increment();
            return null;
        }
        if (below(candidate.otherContentPosition(), head)) {
            return IdempotencyConflicts.refusal(candidate, "eventId already in the ledger with other content");
        }
        if (candidate.otherShard() != (int) LedgerCandidate.NONE) {
            return IdempotencyConflicts.refusal(candidate, "eventId already in the ledger under another case's shard");
        }
        Metrics.metric(StageMetrics.CHAIN_ENTRIES).increment();
        return StageOutcome.passed(state.append(shard, candidate.event(), HASHER.get()));
    }

    private static boolean below(long position, long head) {
        return position != LedgerCandidate.NONE && position < head;
    }
}
