package io.certeus.core.archive;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.certeus.core.MapNames;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Finds ledger entries by eventId wherever the ledger keeps them: the ledger map through its HASH
 * index on {@code eventId}, then, for ids the map does not hold (evicted, or not loaded since a
 * restart), the member's {@link LedgerArchive} when there is one. The one implementation behind the
 * ledger job's idempotency lookup and the client's receipts.
 *
 * <p>Thread-safe: stateless; blocks (a distributed query, then a database query).
 */
public final class LedgerLookups {
    private LedgerLookups() {
    }

    /** Every entry holding one of {@code eventIds}, in no particular order; call on a member for the archive part. */
    public static List<LedgerEntry> entriesWithEventIds(HazelcastInstance member, Set<UUID> eventIds) {
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
    }
}
