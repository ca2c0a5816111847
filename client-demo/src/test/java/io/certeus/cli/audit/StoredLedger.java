package io.certeus.cli.audit;

import io.certeus.core.MapNames;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.store.AnchorMapStore;
import io.certeus.postgres.store.LedgerMapStore;
import io.certeus.testing.TestChains;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * A small ledger written the way members write it, for audit tests: one shard's chain and anchor 0
 * over its head, or any chains and anchors, through the production stores (field digests, prefix
 * order, anchor prerequisites and, when the settings name a key, signatures included).
 *
 * <p>Not thread-safe: call from the test thread.
 */
final class StoredLedger {
    /** When anchor 0 was made, in the written ledgers. */
    static final long ANCHORED_AT_MICROS = 1_767_225_601_000_000L;

    private StoredLedger() {
    }

    /** Writes {@code length} entries of {@code shard} ({@code eventAt(position)}) and anchor 0 over them; returns the chain. */
    static List<LedgerEntry> write(PostgresSettings settings, int shard, int length, LongFunction<Event> eventAt) {
        List<LedgerEntry> chain = TestChains.chain(shard, length, eventAt);
        Anchor anchor = TestChains.anchorOver(0, ANCHORED_AT_MICROS, Hashes.ZERO_HASH, List.of(TestChains.head(chain)));
        write(settings, List.of(chain), List.of(anchor));
        return chain;
    }

    /** Writes {@code chains} and then {@code anchors} (in sequence order, each after what it covers). */
    static void write(PostgresSettings settings, Collection<List<LedgerEntry>> chains, List<Anchor> anchors) {
        LedgerMapStore ledgerStore = new LedgerMapStore(settings);
        AnchorMapStore anchorStore = new AnchorMapStore(settings);
        ledgerStore.start("audit-test", MapNames.LEDGER);
        anchorStore.start("audit-test", MapNames.ANCHORS);
        try {
            Map<LedgerKey, LedgerEntry> rows = new HashMap<>();
            chains.forEach(chain -> chain.forEach(entry -> rows.put(new LedgerKey(entry.shard(), entry.position()), entry)));
            ledgerStore.storeAll(rows);
            Map<Long, Anchor> bySequence = new HashMap<>();
            anchors.forEach(anchor -> bySequence.put(anchor.sequence(), anchor));
            anchorStore.storeAll(bySequence);
        } finally {
            ledgerStore.destroy();
            anchorStore.destroy();
        }
    }
}
