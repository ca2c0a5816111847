package io.certeus.postgres.store;

import com.hazelcast.core.HazelcastInstance;
import io.certeus.core.MapNames;
import io.certeus.core.archive.LedgerArchive;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.protocol.DurableSizes;
import io.certeus.core.shard.LedgerKey;
import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.schema.LedgerTables;
import io.certeus.postgres.table.LedgerRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;

/**
 * Write-behind store of the ledger map ({@code LedgerKey -> LedgerEntry}) into {@code ledger_entry}:
 * binary COPY, exactly one row per (shard, position), forks recorded in {@code ledger_fork}, each
 * shard's rows in position order ({@link LedgerPrefix}); after each commit the shards' durable sizes
 * are published to the grid ({@link DurableSizes}), for appends that wait for PostgreSQL.
 * Configured by class name in {@code hazelcast.yaml} (map {@code certeus-ledger}).
 *
 * <p>Thread-safe: see {@link AbstractPostgresMapStore}.
 */
public final class LedgerMapStore extends AbstractPostgresMapStore<LedgerKey, LedgerEntry> {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerMapStore.class);
    private static final LedgerRows LEDGER_ROWS = new LedgerRows();

    private volatile HazelcastInstance member;

    /** For Hazelcast: settings come from the member config and the environment. */
    public LedgerMapStore() {
        super(null);
    }

    /** With fixed settings (tests, embedders). */
    public LedgerMapStore(PostgresSettings settings) {
        super(settings);
    }

    /** Also offers the table to {@code history} requests as the member's {@link LedgerArchive}. */
    @Override
    public void init(HazelcastInstance member, Properties properties, String mapName) {
        this.member = member;
        super.init(member, properties, mapName);
        member.getUserContext().put(LedgerArchive.USER_CONTEXT_KEY, new PostgresLedgerArchive(resources()));
    }

    @Override
    protected TableSpec<LedgerKey, LedgerEntry> tableSpec(StoreResources resources) {
        return new TableSpec<>(resources.tables(), LedgerTables.LEDGER_ENTRY, new LedgerRows(), "shard, position",
                "hash", LedgerTables.LEDGER_FORK, "existing_hash",
                "'shard=' || shard || ', position=' || position || ', storedHash=' || encode(existing_hash, 'hex')"
                        + " || ', refusedHash=' || encode(hash, 'hex')",
                new LedgerPrefix(resources.tables(), this::publishDurableSizes));
    }

    /** Raises the grid's durable sizes; a store started without a member (tools, tests) publishes nothing. */
    private void publishDurableSizes(Map<Integer, Long> sizes) {
        HazelcastInstance publishTo = member;
        if (publishTo == null) {
            return;
        }
        try {
            DurableSizes.raise(publishTo.getMap(MapNames.DURABLE), sizes);
        } catch (RuntimeException e) {
            // Shutting down, or on the small side of a split: the rows are committed; waiting appends
            // time out or see the next batch's sizes.
            LOG.debug("postgres-store: durable sizes not published: member={}, shards={}", publishTo.getName(), sizes.size(), e);
        }
    }

    @Override
    protected String selectOneSql(StoreResources resources) {
        return "SELECT " + LedgerRows.COLUMNS + " FROM " + resources.tables().qualified(LedgerTables.LEDGER_ENTRY)
                + " WHERE shard = ? AND position = ?";
    }

    @Override
    protected void bindKey(PreparedStatement statement, LedgerKey key) throws SQLException {
        statement.setInt(1, key.shard());
        statement.setLong(2, key.position());
    }

    @Override
    protected LedgerEntry decode(ResultSet row) throws SQLException {
        return LEDGER_ROWS.decode(row);
    }

    @Override
    protected LedgerKey decodeKey(ResultSet row) throws SQLException {
        return new LedgerKey(row.getInt(1), row.getLong(2));
    }

    @Override
    protected String selectKeysSql(StoreResources resources) {
        return "SELECT shard, position FROM " + resources.tables().qualified(LedgerTables.LEDGER_ENTRY);
    }

    @Override
    protected void loadAll(Connection connection, StoreResources resources, Collection<LedgerKey> keys,
            Map<LedgerKey, LedgerEntry> found) throws SQLException {
        Integer[] shards = new Integer[keys.size()];
        Long[] positions = new Long[keys.size()];
        int i = 0;
        for (LedgerKey key : keys) {
            shards[i] = key.shard();
            positions[i] = key.position();
            i++;
        }
        String sql = "SELECT " + TableSpec.prefixed(LedgerRows.COLUMNS, "t") + " FROM unnest(?::int4[], ?::int8[])"
                + " AS k(shard, position) JOIN " + resources.tables().qualified(LedgerTables.LEDGER_ENTRY)
                + " t ON t.shard = k.shard AND t.position = k.position";
        Array shardArray = connection.createArrayOf("int4", shards);
        Array positionArray = connection.createArrayOf("int8", positions);
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, shardArray);
            select.setArray(2, positionArray);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    LedgerEntry entry = LEDGER_ROWS.decode(rows);
                    found.put(new LedgerKey(entry.shard(), entry.position()), entry);
                }
            }
        }
    }
}
