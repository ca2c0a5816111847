package io.certeus.pipeline.stage;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.grid.MapNames;
import io.certeus.grid.archive.LedgerArchive;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
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

    /**
     * The grid's ledger map, through its HASH index on eventId, then, for ids it does not hold
     * (evicted, or never loaded after a restart), the member's {@link LedgerArchive} when there is one.
     */
    static PriorEntryLookup grid() {
        return (member, eventIds) -> {
            IMap<LedgerKey, LedgerEntry> ledger = member.getMap(MapNames.LEDGER);
            String[] ids = eventIds.stream().map(UUID::toString).toArray(String[]::new);
            Collection<LedgerEntry> inGrid = ledger.values(Predicates.in(MapNames.LEDGER_EVENT_ID_ATTRIBUTE, ids));
            List<LedgerEntry> found = new ArrayList<>(inGrid);
            LedgerArchive archive = LedgerArchive.of(member);
            if (archive != null && inGrid.size() < eventIds.size()) {
                Set<UUID> missing = new HashSet<>(eventIds);
                inGrid.forEach(entry -> missing.remove(entry.event().eventId()));
                found.addAll(archive.entriesWithEventIds(missing));
            }
            return found;
        };
    }
}
