package io.certeus.postgres.store;

import io.certeus.core.model.RejectedEvent;
import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.schema.LedgerTables;
import io.certeus.postgres.table.RejectedRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Write-behind store of refused events ({@code UUID -> RejectedEvent}) into {@code rejected_event}:
 * one row per id; a repeat is a duplicate (the first stored reason stays). Text a text column cannot
 * hold is escaped reversibly (see {@link RejectedRows}). Map {@code certeus-rejected}.
 *
 * <p>Thread-safe: see {@link AbstractPostgresMapStore}.
 */
public final class RejectedEventMapStore extends AbstractPostgresMapStore<UUID, RejectedEvent> {
    private static final RejectedRows REJECTED_ROWS = new RejectedRows();
    public RejectedEventMapStore() {
        super(null);
    }

    public RejectedEventMapStore(PostgresSettings settings) {
        super(settings);
    }

    @Override
    protected TableSpec<UUID, RejectedEvent> tableSpec(StoreResources resources) {
        return new TableSpec<>(resources.tables(), LedgerTables.REJECTED_EVENT, new RejectedRows(), "rejected_id",
                null, null, null, null);
    }

    @Override
    protected String selectOneSql(StoreResources resources) {
        return "SELECT " + RejectedRows.COLUMNS + " FROM " + resources.tables().qualified(LedgerTables.REJECTED_EVENT)
                + " WHERE rejected_id = ?";
    }

    @Override
    protected void bindKey(PreparedStatement statement, UUID key) throws SQLException {
        statement.setObject(1, key);
    }

    @Override
    protected RejectedEvent decode(ResultSet row) throws SQLException {
        return REJECTED_ROWS.decode(row);
    }

    @Override
    protected UUID decodeKey(ResultSet row) throws SQLException {
        return row.getObject(1, UUID.class);
    }

    @Override
    protected String selectKeysSql(StoreResources resources) {
        return "SELECT rejected_id FROM " + resources.tables().qualified(LedgerTables.REJECTED_EVENT);
    }

    @Override
    protected void loadAll(Connection connection, StoreResources resources, Collection<UUID> keys,
            Map<UUID, RejectedEvent> found) throws SQLException {
        String sql = "SELECT " + RejectedRows.COLUMNS + " FROM "
                + resources.tables().qualified(LedgerTables.REJECTED_EVENT) + " WHERE rejected_id = ANY (?)";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("uuid", keys.toArray(new UUID[0])));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getObject(1, UUID.class), REJECTED_ROWS.decode(rows));
                }
            }
        }
    }
}
