package io.certeus.core.archive;

import com.hazelcast.core.HazelcastInstance;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.ShardHead;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Member-side read access to ledger entries the grid may no longer hold (PostgreSQL). A module that
 * provides one registers it in the member's user context under {@link #USER_CONTEXT_KEY}; clients
 * reach it only through member-side tasks, so they need no database credentials.
 *
 * <p>Implementations are thread-safe.
 */
public interface LedgerArchive {
    String USER_CONTEXT_KEY = "certeus.ledger-archive";

    /** The archive registered on {@code member}, or {@code null} when none is (or {@code member} is a client). */
    static LedgerArchive of(HazelcastInstance member) {
        Object archive;
        try {
            archive = member.getUserContext().get(USER_CONTEXT_KEY);
        } catch (UnsupportedOperationException client) {
            return null;
        }
        return archive instanceof LedgerArchive ? (LedgerArchive) archive : null;
    }

    /** Every archived entry of the case, in position order. */
    List<LedgerEntry> caseHistory(int shard, String caseId);

    /**
     * The archived head of every shard that has an entry: size = highest position + 1, head hash =
     * that entry's hash; shards without an entry are absent. Used to seed a fresh ledger job after a
     * full-grid restart, when the ledger map is empty. Default: none (an archive that cannot tell).
     */
    default List<ShardHead> shardHeads() {
        return List.of();
    }

    /**
     * Every archived entry whose eventId is one of {@code eventIds}, in no particular order; the
     * ledger job's idempotency check for ids the grid no longer holds. Default: none.
     */
    default List<LedgerEntry> entriesWithEventIds(Collection<UUID> eventIds) {
        return List.of();
    }

    /** The archived anchor with the highest sequence, or {@code null} when none. Default: none. */
    default Anchor newestAnchor() {
        return null;
    }
}
