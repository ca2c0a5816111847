package io.certeus.postgres.store;

import io.certeus.core.archive.LedgerArchive;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.ShardHead;
import io.certeus.core.shard.Shards;
import io.certeus.postgres.schema.LedgerTables;
import io.certeus.postgres.table.AnchorRows;
import io.certeus.postgres.table.LedgerRows;
import org.postgresql.PGStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A case's history as PostgreSQL holds it, for members answering {@code history} requests about
 * entries the grid no longer keeps; served by the {@code (case_id, position)} index. Also the
 * archived shard heads and newest anchor, which seed a fresh ledger job, and the entries of given
 * eventIds, for the ledger job's idempotency check.
 *
 * <p>Thread-safe: each call borrows its own pooled connection.
 */
final class PostgresLedgerArchive implements LedgerArchive {
    private static final AnchorRows ANCHOR_ROWS = new AnchorRows();
    private static final LedgerRows LEDGER_ROWS = new LedgerRows();
    /** Longest an eventId lookup may take before it fails (and the ledger job retries it). */
    static final int LOOKUP_TIMEOUT_SECONDS = 10;

    private final StoreResources resources;
    private final String caseHistorySql;
    private final String shardHeadsSql;
    private final String newestAnchorSql;
    private final String byEventIdsSql;

    PostgresLedgerArchive(StoreResources resources) {
        this.resources = resources;
        String ledger = resources.tables().qualified(LedgerTables.LEDGER_ENTRY);
        this.caseHistorySql = "SELECT " + LedgerRows.COLUMNS + " FROM " + ledger
                + " WHERE case_id = ? AND shard = ? ORDER BY position";
        // One backward probe of the (shard, position) primary key per shard: 1000 index lookups,
        // where DISTINCT ON (shard) ... ORDER BY shard, position DESC would read the whole index.
        this.shardHeadsSql = "SELECT s.shard, e.position, e.hash FROM generate_series(0, " + (Shards.SHARD_COUNT - 1)
                + ") AS s(shard) CROSS JOIN LATERAL (SELECT position, hash FROM " + ledger
                + " WHERE shard = s.shard ORDER BY position DESC LIMIT 1) e ORDER BY s.shard";
        this.byEventIdsSql = "SELECT " + LedgerRows.COLUMNS + " FROM " + ledger + " WHERE event_id = ANY (?)";
        this.newestAnchorSql = "SELECT " + AnchorRows.COLUMNS + " FROM " + resources.tables().qualified(LedgerTables.ANCHOR)
                + " ORDER BY sequence DESC LIMIT 1";
    }

    @Override
    public List<LedgerEntry> caseHistory(int shard, String caseId) {
        try (Connection connection = resources.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(caseHistorySql)) {
            select.setString(1, caseId);
            select.setInt(2, shard);
            List<LedgerEntry> history = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    history.add(LEDGER_ROWS.decode(rows));
                }
            }
            return history;
        } catch (SQLException e) {
            throw new IllegalStateException("postgres-archive: case history failed: caseId=" + caseId + ", shard=" + shard
                    + ", sqlState=" + e.getSQLState(), e);
        }
    }

    @Override
    public List<ShardHead> shardHeads() {
        try (Connection connection = resources.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(shardHeadsSql);
             ResultSet rows = select.executeQuery()) {
            List<ShardHead> heads = new ArrayList<>();
            while (rows.next()) {
                heads.add(new ShardHead(rows.getInt(1), rows.getLong(2) + 1, rows.getBytes(3)));
            }
            return heads;
        } catch (SQLException e) {
            throw new IllegalStateException("postgres-archive: shard heads failed: sqlState=" + e.getSQLState(), e);
        }
    }

    /** Served by the {@code event_id} index: one probe per id. */
    @Override
    public List<LedgerEntry> entriesWithEventIds(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        try (Connection connection = resources.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(byEventIdsSql)) {
            // Plan every call with the table's current size: a server-side prepared statement switches to a
            // generic plan after five calls, and one made while the ledger was small scans the whole table
            // on every later call (measured: PostgreSQL CPU per appended event 10 -> 380 us).
            select.unwrap(PGStatement.class).setPrepareThreshold(0);
            // The ledger job waits for this answer and retries it: a hung server must not hold it for the socket timeout.
            select.setQueryTimeout(LOOKUP_TIMEOUT_SECONDS);
            select.setArray(1, connection.createArrayOf("uuid", eventIds.toArray()));
            List<LedgerEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(LEDGER_ROWS.decode(rows));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("postgres-archive: event id lookup failed: ids=" + eventIds.size() + ", sqlState="
                    + e.getSQLState(), e);
        }
    }

    @Override
    public Anchor newestAnchor() {
        try (Connection connection = resources.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(newestAnchorSql);
             ResultSet rows = select.executeQuery()) {
            return rows.next() ? ANCHOR_ROWS.decode(rows) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("postgres-archive: newest anchor failed: sqlState=" + e.getSQLState(), e);
        }
    }
}
