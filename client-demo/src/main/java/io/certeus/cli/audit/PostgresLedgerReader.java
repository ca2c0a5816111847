package io.certeus.cli.audit;

import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;
import io.certeus.postgres.copy.AnchorRowEncoder;
import io.certeus.postgres.copy.LedgerRowEncoder;
import io.certeus.postgres.schema.LedgerTables;
import io.certeus.postgres.store.RowDecoders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the ledger back from PostgreSQL for offline audit: anchors in sequence order, and every
 * entry streamed in (shard, position) order through a server-side cursor, so memory stays flat
 * whatever the ledger's size.
 *
 * <p>Not thread-safe: one reader per connection.
 */
public final class PostgresLedgerReader {
    private static final int FETCH_ROWS = 5_000;

    private final Connection connection;
    private final LedgerTables tables;

    public PostgresLedgerReader(Connection connection, String schema) {
        this.connection = connection;
        this.tables = new LedgerTables(schema);
    }

    /** Whether the schema holds a CERTEUS ledger: its ledger_entry and anchor tables exist. */
    public boolean hasLedger() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL AND to_regclass(?) IS NOT NULL")) {
            select.setString(1, tables.qualified(LedgerTables.LEDGER_ENTRY));
            select.setString(2, tables.qualified(LedgerTables.ANCHOR));
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /**
     * EventIds stored at more than one (shard, position), each with all its locations, in eventId
     * order; at most {@code maxIds} of them. PostgreSQL groups the rows, so client memory stays
     * bounded by {@code maxIds}.
     */
    public List<DuplicateEventId> duplicateEventIds(int maxIds) throws SQLException {
        String table = tables.qualified(LedgerTables.LEDGER_ENTRY);
        List<DuplicateEventId> duplicates = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT event_id, array_agg(shard ORDER BY shard, position),"
                + " array_agg(position ORDER BY shard, position) FROM " + table
                + " GROUP BY event_id HAVING count(*) > 1 ORDER BY event_id LIMIT ?")) {
            select.setInt(1, maxIds);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Integer[] shards = (Integer[]) rows.getArray(2).getArray();
                    Long[] positions = (Long[]) rows.getArray(3).getArray();
                    duplicates.add(new DuplicateEventId(rows.getObject(1, java.util.UUID.class), shards, positions));
                }
            }
        }
        return duplicates;
    }

    /** How many eventIds are stored at more than one (shard, position). */
    public long duplicateEventIdCount() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM (SELECT event_id FROM "
                + tables.qualified(LedgerTables.LEDGER_ENTRY) + " GROUP BY event_id HAVING count(*) > 1) d");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** An anchor row as stored: the anchor, and the hash version and shard count its row declares. */
    public record StoredAnchor(Anchor anchor, int hashVersion, int declaredShardCount) {
    }

    public List<Anchor> anchors() throws SQLException {
        List<Anchor> anchors = new ArrayList<>();
        storedAnchors().forEach(stored -> anchors.add(stored.anchor()));
        return anchors;
    }

    /** Every anchor row in sequence order, with its {@code hash_version}. */
    public List<StoredAnchor> storedAnchors() throws SQLException {
        List<StoredAnchor> anchors = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + AnchorRowEncoder.COLUMNS + " FROM "
                + tables.qualified(LedgerTables.ANCHOR) + " ORDER BY sequence");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                anchors.add(new StoredAnchor(RowDecoders.anchor(rows), rows.getShort(AnchorRowEncoder.HASH_VERSION_COLUMN),
                        rows.getInt(AnchorRowEncoder.SHARD_COUNT_COLUMN)));
            }
        }
        return anchors;
    }

    /** An entry as stored, with the hash version its row declares and its field digests ({@code null} for rows written without them). */
    public interface RowConsumer {
        boolean accept(LedgerEntry entry, int hashVersion, byte[] fieldDigests);
    }

    /**
     * Hands every entry to {@code consumer} in (shard, position) order until it returns false.
     *
     * @return the number of entries read
     */
    public long forEachEntry(RowConsumer consumer) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // PgJDBC streams with a cursor only inside a transaction
        long read = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT " + LedgerRowEncoder.COLUMNS + " FROM "
                + tables.qualified(LedgerTables.LEDGER_ENTRY) + " ORDER BY shard, position")) {
            select.setFetchSize(FETCH_ROWS);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    read++;
                    if (!consumer.accept(RowDecoders.ledgerEntry(rows), rows.getShort(LedgerRowEncoder.HASH_VERSION_COLUMN),
                            rows.getBytes(LedgerRowEncoder.FIELD_DIGESTS_COLUMN))) {
                        break;
                    }
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
        return read;
    }
}
