package io.certeus.postgres.store;

import io.certeus.core.shard.LedgerKey;
import io.certeus.postgres.schema.LedgerTables;
import io.certeus.postgres.table.LedgerRows;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Keeps {@code ledger_entry} a prefix of every shard's chain: a row goes in only when every earlier
 * position of its shard is there. Write-behind hands rows over in store-time order, which replays,
 * failed batches and partition moves can disturb; a row that arrives after a gap is parked in
 * {@code ledger_pending} (committed, outside the verifiable ledger) and moved in, in the same
 * transaction that closes the gap. So no crash leaves a hole inside a chain, and each shard's size
 * (rows in {@code ledger_entry}) is its durable watermark: what POSTGRES appends and anchors wait for.
 *
 * <p>The common case costs no SQL: rows that continue every shard where this store last saw it end
 * are copied straight into {@code ledger_entry}; only then does one query check the parking table.
 * Everything else goes through the stage: parked, then moved in as far as each chain is whole.
 *
 * <p>Not thread-safe: used by one store's writer, whose batches are serialised; the sizes it
 * publishes are read by other threads only through the grid.
 */
final class LedgerPrefix {
    private final String ledger;
    private final String pending;
    private final String sizesSql;
    private final String pendingExistsSql;
    private final String promoteSql;
    private final String dropRepeatedSql;
    private final Consumer<Map<Integer, Long>> publisher;
    /** Shard -> rows of it in ledger_entry, as this store last committed or read them (never above the truth). */
    private final Map<Integer, Long> knownSizes = new HashMap<>();

    /** @param publisher receives, after each commit, the new size of every shard the batch touched */
    LedgerPrefix(LedgerTables tables, Consumer<Map<Integer, Long>> publisher) {
        this.ledger = tables.qualified(LedgerTables.LEDGER_ENTRY);
        this.pending = tables.qualified(LedgerTables.LEDGER_PENDING);
        this.publisher = publisher;
        String sizeOf = "COALESCE((SELECT e.position + 1 FROM " + ledger + " e WHERE e.shard = t.shard"
                + " ORDER BY e.position DESC LIMIT 1), 0)"; // one backward probe of the primary key per shard
        this.sizesSql = "SELECT t.shard, " + sizeOf + " FROM unnest(?::int4[]) AS t(shard)";
        this.pendingExistsSql = "SELECT EXISTS (SELECT 1 FROM " + pending + " WHERE shard = ANY (?::int4[]))";
        this.promoteSql = "WITH sizes AS (SELECT t.shard, " + sizeOf + " AS size FROM unnest(?::int4[]) AS t(shard)),"
                + " numbered AS (SELECT p.shard, p.position,"
                + " p.position - (row_number() OVER (PARTITION BY p.shard ORDER BY p.position) - 1) AS run_start"
                + " FROM " + pending + " p JOIN sizes z ON z.shard = p.shard AND p.position >= z.size),"
                + " run AS (SELECT n.shard, n.position FROM numbered n JOIN sizes z ON z.shard = n.shard AND n.run_start = z.size),"
                + " moved AS (DELETE FROM " + pending + " p USING run r WHERE p.shard = r.shard AND p.position = r.position"
                + " RETURNING p.*)"
                + " INSERT INTO " + ledger + " (" + LedgerRows.COLUMNS + ") SELECT " + LedgerRows.COLUMNS + " FROM moved";
        this.dropRepeatedSql = "DELETE FROM " + pending + " p USING " + ledger + " e WHERE p.shard = ANY (?::int4[])"
                + " AND e.shard = p.shard AND e.position = p.position AND e.hash = p.hash";
    }

    /** {@code INSERT ... SELECT} parking every staged row that {@code ledger_entry} does not hold yet. */
    String parkFromStageSql(String stage) {
        return "INSERT INTO " + pending + " (" + LedgerRows.COLUMNS + ") SELECT " + LedgerRows.COLUMNS + " FROM " + stage
                + " s WHERE NOT EXISTS (SELECT 1 FROM " + ledger + " e WHERE e.shard = s.shard AND e.position = s.position)"
                + " ON CONFLICT (shard, position) DO NOTHING";
    }

    /**
     * Whether rows {@code [from, to)} of {@code keys} (in (shard, position) order) continue every
     * shard exactly where {@code ledger_entry} ends, so they can be copied in directly. Reads the
     * sizes of shards this store has not seen, or that look behind, on {@code connection}.
     */
    boolean continuesEveryShard(Connection connection, Object[] keys, int from, int to) throws SQLException {
        TreeSet<Integer> unknown = new TreeSet<>();
        for (int i = from; i < to; i++) {
            int shard = ((LedgerKey) keys[i]).shard();
            Long size = knownSizes.get(shard);
            if (size == null || (startsRun(keys, from, i) && ((LedgerKey) keys[i]).position() > size)) {
                unknown.add(shard); // never seen, or another member may have written it since
            }
        }
        if (!unknown.isEmpty()) {
            knownSizes.putAll(sizes(connection, unknown.toArray(new Integer[0])));
        }
        for (int i = from; i < to; i++) {
            LedgerKey key = (LedgerKey) keys[i];
            long expected = startsRun(keys, from, i) ? knownSizes.get(key.shard()) : ((LedgerKey) keys[i - 1]).position() + 1;
            if (key.position() != expected) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsRun(Object[] keys, int from, int i) {
        return i == from || ((LedgerKey) keys[i - 1]).shard() != ((LedgerKey) keys[i]).shard();
    }

    /**
     * After rows of {@code shards} were written to {@code ledger_entry} or parked: moves parked rows in
     * as far as each chain is whole, drops parked rows the ledger now holds identically, and returns
     * how many rows moved. {@code checkFirst}: look for parked rows before doing anything (the direct
     * path, where there almost never are any).
     */
    long promoteParked(Connection connection, Integer[] shards, boolean checkFirst) throws SQLException {
        Array shardArray = connection.createArrayOf("int4", shards);
        if (checkFirst) {
            try (PreparedStatement exists = connection.prepareStatement(pendingExistsSql)) {
                exists.setArray(1, shardArray);
                try (ResultSet row = exists.executeQuery()) {
                    row.next();
                    if (!row.getBoolean(1)) {
                        return 0;
                    }
                }
            }
        }
        long moved;
        try (PreparedStatement promote = connection.prepareStatement(promoteSql)) {
            promote.setArray(1, shardArray);
            moved = promote.executeUpdate();
        }
        try (PreparedStatement drop = connection.prepareStatement(dropRepeatedSql)) {
            drop.setArray(1, shardArray);
            drop.executeUpdate();
        }
        return moved;
    }

    /** Rows parked by {@code sql} (from {@link #parkFromStageSql}). */
    static long park(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    /** The size of each of {@code shards} in {@code ledger_entry}, read on {@code connection} (inside the batch's transaction). */
    Map<Integer, Long> sizes(Connection connection, Integer[] shards) throws SQLException {
        Map<Integer, Long> sizes = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(sizesSql)) {
            select.setArray(1, connection.createArrayOf("int4", shards));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sizes.put(rows.getInt(1), rows.getLong(2));
                }
            }
        }
        return sizes;
    }

    /** The batch committed with these sizes: remember and publish them. */
    void committed(Map<Integer, Long> sizes) {
        knownSizes.putAll(sizes);
        publisher.accept(sizes);
    }

    /** The shards of rows {@code [from, to)}. */
    static Integer[] shardsOf(Object[] keys, int from, int to) {
        TreeSet<Integer> shards = new TreeSet<>();
        for (int i = from; i < to; i++) {
            shards.add(((LedgerKey) keys[i]).shard());
        }
        return shards.toArray(new Integer[0]);
    }
}
