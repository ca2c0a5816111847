package io.certeus.grid.archive;

import io.certeus.core.model.LedgerEntry;

import java.util.List;

/**
 * Member-side read access to ledger entries the grid may no longer hold (PostgreSQL). A module that
 * provides one registers it in the member's user context under {@link #USER_CONTEXT_KEY}; clients
 * reach it only through member-side tasks, so they need no database credentials.
 *
 * <p>Implementations are thread-safe.
 */
public interface LedgerArchive {
    String USER_CONTEXT_KEY = "certeus.ledger-archive";

    /** Every archived entry of the case, in position order. */
    List<LedgerEntry> caseHistory(int shard, String caseId);
}
