package io.certeus.postgres.store;

import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.postgres.PostgresSettings;
import io.certeus.testing.LedgerFixtures;
import io.certeus.testing.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ledger_entry stays a prefix of every shard's chain whatever order write-behind hands rows over in:
 * rows after a gap wait in ledger_pending and move in when the gap closes.
 */
@Timeout(60)
class LedgerPrefixIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private LedgerMapStore store;
    private int shard;
    private Map<LedgerKey, LedgerEntry> chain;

    /** Each test works in a shard of its own: the class's schema is shared. */
    private void useShard(int testShard) {
        shard = testShard;
        chain = new LedgerFixtures(7).chains(testShard, 1, 10);
    }

    @BeforeEach
    void startStore() {
        store = new LedgerMapStore(PostgresSettings.fromPropertiesOnly(PG.settings()));
        store.start("prefix-it", "certeus-ledger");
    }

    @AfterEach
    void stopStore() {
        store.destroy();
    }

    private Map<LedgerKey, LedgerEntry> positions(long from, long to) {
        Map<LedgerKey, LedgerEntry> rows = new HashMap<>();
        for (long position = from; position < to; position++) {
            rows.put(new LedgerKey(shard, position), chain.get(new LedgerKey(shard, position)));
        }
        return rows;
    }

    private long ledgerRows() throws Exception {
        return PG.queryLong("SELECT count(*) FROM ledger_entry WHERE shard = " + shard);
    }

    private long highestLedgerPosition() throws Exception {
        return PG.queryLong("SELECT coalesce(max(position), -1) FROM ledger_entry WHERE shard = " + shard);
    }

    private long pendingRows() throws Exception {
        return PG.queryLong("SELECT count(*) FROM ledger_pending WHERE shard = " + shard);
    }

    @Test
    void rowsAfterAGapWaitOutsideTheLedgerUntilTheGapCloses() throws Exception {
        useShard(321);
        Map<LedgerKey, LedgerEntry> withGap = positions(0, 5);
        withGap.putAll(positions(7, 10));
        store.storeAll(withGap);
        assertThat(ledgerRows()).as("positions 0-4 only: 5 and 6 are missing").isEqualTo(5);
        assertThat(highestLedgerPosition()).isEqualTo(4);
        assertThat(pendingRows()).as("7-9 wait").isEqualTo(3);

        store.storeAll(positions(5, 7));
        assertThat(ledgerRows()).as("the gap closed: the whole chain is in").isEqualTo(10);
        assertThat(pendingRows()).isZero();
    }

    @Test
    void aLaterBatchArrivingFirstWaitsAndMovesInBehindTheEarlierOne() throws Exception {
        useShard(322);
        store.storeAll(positions(4, 10));
        assertThat(ledgerRows()).isZero();
        assertThat(pendingRows()).isEqualTo(6);
        store.storeAll(positions(0, 4));
        assertThat(ledgerRows()).isEqualTo(10);
        assertThat(pendingRows()).isZero();
    }

    @Test
    void aReplayOfStoredRowsIsADuplicateAndLeavesNothingWaiting() throws Exception {
        useShard(323);
        store.storeAll(positions(0, 6));
        store.storeAll(positions(3, 8)); // 3-5 again (a backup re-storing), 6-7 new
        assertThat(ledgerRows()).isEqualTo(8);
        assertThat(pendingRows()).isZero();
        assertThat(PG.queryLong("SELECT count(*) FROM ledger_fork WHERE shard = " + shard)).isZero();
    }
}
