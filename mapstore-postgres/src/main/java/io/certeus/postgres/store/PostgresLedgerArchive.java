package io.certeus.postgres.store;

import io.certeus.core.model.LedgerEntry;
import io.certeus.grid.archive.LedgerArchive;
import io.certeus.postgres.copy.LedgerRowEncoder;
import io.certeus.postgres.schema.LedgerTables;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A case's history as PostgreSQL holds it, for members answering {@code history} requests about
 * entries the grid no longer keeps; served by the {@code (case_id, position)} index.
 *
 * <p>Thread-safe: each call borrows its own pooled connection.
 */
final class PostgresLedgerArchive implements LedgerArchive {
    private final StoreResources resources;
    private final String sql;

    PostgresLedgerArchive(StoreResources resources) {
        this.resources = resources;
        this.sql = "SELECT " + LedgerRowEncoder.COLUMNS + " FROM " + resources.tables().qualified(LedgerTables.LEDGER_ENTRY)
                + " WHERE case_id = ? AND shard = ? ORDER BY position";
    }

    @Override
    public List<LedgerEntry> caseHistory(int shard, String caseId) {
        try (Connection connection = resources.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, caseId);
            select.setInt(2, shard);
            List<LedgerEntry> history = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    history.add(RowDecoders.ledgerEntry(rows));
                }
            }
            return history;
        } catch (SQLException e) {
            throw new IllegalStateException("postgres-archive: case history failed: caseId=" + caseId + ", shard=" + shard
                    + ", sqlState=" + e.getSQLState(), e);
        }
    }
}
