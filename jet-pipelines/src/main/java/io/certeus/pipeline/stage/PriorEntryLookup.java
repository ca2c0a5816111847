package io.certeus.pipeline.stage;

import com.hazelcast.core.HazelcastInstance;
import io.certeus.core.archive.LedgerLookups;
import io.certeus.core.model.LedgerEntry;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Where the ledger job finds the entries the ledger already holds under given eventIds, for
 * idempotency beyond the dedupe window: a resend of an event chained long ago, the same id sent
 * for another case, or a resubmitted job replaying its journal.
 *
 * <p>Implementations are serializable and thread-safe; {@link #entriesWithEventIds} blocks (it is
 * called from the lookup stage's own threads, never a cooperative one).
 */
@FunctionalInterface
public interface PriorEntryLookup extends Serializable {
    /** Every entry the ledger holds whose eventId is one of {@code eventIds}, in no particular order. */
    List<LedgerEntry> entriesWithEventIds(HazelcastInstance member, Set<UUID> eventIds);

    /** Nothing is looked up: only the dedupe window applies (tests). */
    static PriorEntryLookup none() {
        return (member, eventIds) -> List.of();
    }

    /** The grid's ledger map, then the member's archive ({@link LedgerLookups}). */
    static PriorEntryLookup grid() {
        return LedgerLookups::entriesWithEventIds;
    }
}
