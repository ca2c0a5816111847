package io.certeus.postgres.store;

import io.certeus.core.MapNames;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.postgres.PostgresSettings;
import io.certeus.testing.LedgerFixtures;
import io.certeus.testing.PostgresTestSupport;
import io.certeus.testing.TestChains;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An anchor reaches PostgreSQL only after its predecessor and the entries at all its heads. */
@Timeout(60)
class AnchorPrerequisitesIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private LedgerMapStore ledgerStore;
    private AnchorMapStore anchorStore;
    private AnchorPrerequisites coverage;
    private Map<LedgerKey, LedgerEntry> chain;

    @BeforeEach
    void startStores() {
        PostgresSettings settings = PostgresSettings.fromPropertiesOnly(PG.settings());
        ledgerStore = new LedgerMapStore(settings);
        anchorStore = new AnchorMapStore(settings);
        ledgerStore.start("coverage-it", MapNames.LEDGER);
        anchorStore.start("coverage-it", MapNames.ANCHORS);
        coverage = new AnchorPrerequisites(ledgerStore.requireResources(), MapNames.ANCHORS, null);
    }

    @AfterEach
    void stopStores() {
        coverage.close();
        anchorStore.destroy();
        ledgerStore.destroy();
    }

    /** Each test chains a shard of its own: the class's schema is shared. */
    private void chainShard(int shard) {
        chain = new LedgerFixtures(5).chains(shard, 1, 4);
    }

    private Anchor anchorOverFirst(long sequence, byte[] prevAnchorHash, int entries) {
        List<LedgerEntry> entriesInOrder = chain.values().stream().sorted((a, b) -> Long.compare(a.position(), b.position()))
                .collect(Collectors.toList());
        return TestChains.anchorOver(sequence, LedgerFixtures.BASE_TIME_MICROS + sequence, prevAnchorHash,
                List.of(TestChains.headAfter(entriesInOrder, entries)));
    }

    @Test
    void saysWhatAnAnchorStillWaitsFor() throws Exception {
        chainShard(40);
        Anchor first = anchorOverFirst(0, Hashes.ZERO_HASH, 4);
        assertThat(coverage.missing(first)).startsWith("heads not yet in ledger_entry: missing=1");
        ledgerStore.storeAll(chain);
        assertThat(coverage.missing(first)).isNull();
        Anchor later = anchorOverFirst(5, first.anchorHash(), 4); // no test here stores anchor 4
        assertThat(coverage.missing(later)).isEqualTo("anchor 4 not stored yet");
    }

    @Test
    void anAnchorLinkingToAnotherPredecessorThanTheStoredOneIsNeverStored() throws Exception {
        chainShard(42);
        ledgerStore.storeAll(chain);
        anchorStore.storeAll(new java.util.HashMap<>(Map.of(0L, anchorOverFirst(0, Hashes.ZERO_HASH, 4))));
        byte[] storedZero;
        try (java.sql.Connection connection = PG.connect(); java.sql.Statement select = connection.createStatement();
             java.sql.ResultSet row = select.executeQuery("SELECT anchor_hash FROM anchor WHERE sequence = 0")) {
            assertThat(row.next()).isTrue();
            storedZero = row.getBytes(1); // this test's anchor 0, or another test's: the one PostgreSQL holds
        }
        Anchor onAFork = anchorOverFirst(1, Hashes.sha256(new byte[] {9}), 4); // a restarted job's chain
        assertThat(coverage.awaitStorable(onAFork)).isEqualTo(AnchorPrerequisites.Verdict.FORKED);
        anchorStore.storeAll(new java.util.HashMap<>(Map.of(1L, onAFork)));
        assertThat(PG.queryLong("SELECT count(*) FROM anchor WHERE sequence = 1")).as("the stored anchors stay one chain").isZero();
        assertThat(coverage.awaitStorable(anchorOverFirst(1, storedZero, 4))).isEqualTo(AnchorPrerequisites.Verdict.STORE);
    }

    @Test
    void anAnchorIsStoredOnceItsHeadsAreAndNotBefore() throws Exception {
        chainShard(41);
        Anchor anchor = anchorOverFirst(0, Hashes.ZERO_HASH, 4);
        CompletableFuture<Void> stored = CompletableFuture.runAsync(() -> anchorStore.storeAll(new java.util.HashMap<>(Map.of(0L, anchor))));
        assertThatThrownBy(() -> stored.get(300, TimeUnit.MILLISECONDS)).as("held back while its head is missing")
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(PG.queryLong("SELECT count(*) FROM anchor")).isZero();
        ledgerStore.storeAll(chain);
        stored.get(30, TimeUnit.SECONDS);
        assertThat(PG.queryLong("SELECT count(*) FROM anchor WHERE sequence = 0")).isEqualTo(1);
    }
}
