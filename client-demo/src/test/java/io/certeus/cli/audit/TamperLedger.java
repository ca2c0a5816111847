package io.certeus.cli.audit;

import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventType;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.ShardHead;
import io.certeus.core.shard.Shards;
import io.certeus.postgres.PostgresSettings;
import io.certeus.testing.TestChains;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The ledger the tamper suite changes: three shards {@code S0 < S1 < S2} holding 6, 5 and 4 entries,
 * and three anchors over growing prefixes of them, the newest leaving S0's last entry uncovered:
 * <pre>
 *   anchor | S0 size | S1 size | S2 size
 *   -------+---------+---------+--------
 *      0   |    2    |    2    |    0
 *      1   |    4    |    3    |    2
 *      2   |    5    |    5    |    4
 * </pre>
 * Optional fields take both forms: in S1 the odd positions carry a source IP and a document hash,
 * the even ones neither. Written once through the production stores (each anchor signed with the
 * settings' key), kept aside in {@code intact_*} tables, and put back before every case.
 *
 * <p>Not thread-safe: call from the test thread.
 */
final class TamperLedger {
    static final int[] LENGTHS = {6, 5, 4};
    static final long[][] ANCHOR_SIZES = {{2, 2, 0}, {4, 3, 2}, {5, 5, 4}};
    /** The case of each shard, in shard order. */
    static final String[] CASE_IDS = casesInDistinctShards();
    static final int S0 = Shards.shardOf(CASE_IDS[0]);
    static final int S1 = Shards.shardOf(CASE_IDS[1]);
    static final int S2 = Shards.shardOf(CASE_IDS[2]);

    private static final String[] TABLES = {"ledger_entry", "anchor", "anchor_signature"};
    private static final long OCCURRED_AT_MICROS = 1_767_225_600_000_000L;

    private TamperLedger() {
    }

    /** Writes the ledger through the production stores. */
    static void write(PostgresSettings settings) {
        List<List<LedgerEntry>> chains = new ArrayList<>();
        for (int index = 0; index < CASE_IDS.length; index++) {
            int shardIndex = index;
            chains.add(TestChains.chain(Shards.shardOf(CASE_IDS[index]), LENGTHS[index], position -> event(shardIndex, position)));
        }
        List<Anchor> anchors = new ArrayList<>();
        byte[] prevAnchorHash = Hashes.ZERO_HASH;
        for (int sequence = 0; sequence < ANCHOR_SIZES.length; sequence++) {
            List<ShardHead> heads = new ArrayList<>();
            for (int index = 0; index < chains.size(); index++) {
                int size = (int) ANCHOR_SIZES[sequence][index];
                if (size > 0) {
                    heads.add(TestChains.headAfter(chains.get(index), size));
                }
            }
            Anchor anchor = TestChains.anchorOver(sequence, StoredLedger.ANCHORED_AT_MICROS + sequence * 1_000_000L, prevAnchorHash, heads);
            anchors.add(anchor);
            prevAnchorHash = anchor.anchorHash();
        }
        StoredLedger.write(settings, chains, anchors);
    }

    /** The event at {@code position} of the shard with index {@code shardIndex} (0, 1, 2 for S0, S1, S2). */
    static Event event(int shardIndex, long position) {
        boolean optionalFields = shardIndex != 1 || position % 2 == 1;
        return new Event(new UUID(0x0190_0000_0000_7000L, 0x8000_0000_0000_0000L | shardIndex << 16 | position),
                CASE_IDS[shardIndex],
                (position == 0 ? EventType.CASE_CREATED : EventType.CASE_UPDATED).name(),
                "clerk@court.example",
                optionalFields ? "192.0.2." + (position + 1) : null,
                optionalFields ? Hashes.sha256(new byte[] {(byte) shardIndex, (byte) position}) : null,
                ("{\"shard\":" + shardIndex + ",\"n\":" + position + "}").getBytes(StandardCharsets.UTF_8),
                OCCURRED_AT_MICROS + shardIndex * 1_000L + position,
                OCCURRED_AT_MICROS + shardIndex * 1_000L + position + 123);
    }

    /** Copies the ledger's tables aside, as written. */
    static void keepIntact(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("DROP TABLE IF EXISTS intact_" + table);
                statement.execute("CREATE TABLE intact_" + table + " AS TABLE " + table);
            }
        }
    }

    /** Puts back the ledger kept by {@link #keepIntact}. */
    static void restoreIntact(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM ledger_pending");
            for (String table : TABLES) {
                statement.execute("DELETE FROM " + table);
                statement.execute("INSERT INTO " + table + " SELECT * FROM intact_" + table);
            }
        }
    }

    /** A caseId of shard {@code shard} that no valid event can have (lower-case letters). */
    static String malformedCaseIdOf(int shard) {
        for (int n = 0; n < 1_000_000; n++) {
            String caseId = String.format("tmp-%06d", n);
            if (Shards.shardOf(caseId) == shard) {
                return caseId;
            }
        }
        throw new IllegalStateException("no malformed caseId found: shard=" + shard);
    }

    private static String[] casesInDistinctShards() {
        String[] cases = new String[3];
        int[] shards = new int[3];
        int found = 0;
        for (int n = 1; found < cases.length; n++) {
            String caseId = String.format("TMP-%06d", n);
            int shard = Shards.shardOf(caseId);
            if (Arrays.stream(shards, 0, found).noneMatch(s -> s == shard)) {
                cases[found] = caseId;
                shards[found++] = shard;
            }
        }
        Arrays.sort(cases, (a, b) -> Integer.compare(Shards.shardOf(a), Shards.shardOf(b)));
        return cases;
    }
}
