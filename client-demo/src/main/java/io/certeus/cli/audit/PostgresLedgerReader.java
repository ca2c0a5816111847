package io.certeus.cli.audit;

import io.certeus.core.model.Anchor;
import io.certeus.core.verify.StoredAnchor;
import io.certeus.core.verify.StoredEntry;
import io.certeus.core.verify.StoredSignature;
import io.certeus.postgres.schema.LedgerTables;
import io.certeus.postgres.table.AnchorRows;
import io.certeus.postgres.table.LedgerRows;

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
    private static final LedgerRows LEDGER_ROWS = new LedgerRows();
    private static final AnchorRows ANCHOR_ROWS = new AnchorRows();
    private static final int FETCH_ROWS = 5_000;

    private final Connection connection;
    private final LedgerTables tables;

    public PostgresLedgerReader(Connection connection, String schema) {
        this.connection = connection;
        this.tables = new LedgerTables(schema);
    }

    /** Whether the schema holds a CERTEUS ledger: its ledger_entry and anchor tables exist. */
    public boolean hasLedger() throws SQLException {
        return tableExists(tables.qualified(LedgerTables.LEDGER_ENTRY)) && tableExists(tables.qualified(LedgerTables.ANCHOR));
    }

    /** Whether {@code qualifiedTable} exists (tables of later migrations are missing from older schemas). */
    private boolean tableExists(String qualifiedTable) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            select.setString(1, qualifiedTable);
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

    /**
     * Every anchor signature stored, in sequence order; none when the schema predates signatures
     * (migration V6) or anchors were never signed.
     */
    public List<StoredSignature> storedSignatures() throws SQLException {
        List<StoredSignature> signatures = new ArrayList<>();
        String table = tables.qualified(LedgerTables.ANCHOR_SIGNATURE);
        if (!tableExists(table)) {
            return signatures;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT sequence, anchor_hash, key_id, public_key, signature FROM "
                + table + " ORDER BY sequence, key_id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                signatures.add(new StoredSignature(rows.getLong(1), rows.getBytes(2), rows.getString(3), rows.getBytes(4),
                        rows.getBytes(5)));
            }
        }
        return signatures;
    }

    /**
     * Rows in {@code ledger_pending}: rows that reached PostgreSQL after a gap in their shard and have
     * not moved into the ledger. After a crash they are acknowledged events that were lost before the
     * rows in front of them were stored; 0 when the schema predates the table.
     */
    public long pendingRows() throws SQLException {
        String table = tables.qualified(LedgerTables.LEDGER_PENDING);
        if (!tableExists(table)) {
            return 0;
        }
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + table);
             ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The anchors that decode (see {@link #storedAnchors()} for rows that do not). */
    public List<Anchor> anchors() throws SQLException {
        List<Anchor> anchors = new ArrayList<>();
        storedAnchors().stream().filter(stored -> stored.anchor() != null).forEach(stored -> anchors.add(stored.anchor()));
        return anchors;
    }


    /** Every anchor row in sequence order, as stored (with what it declares of itself). */
    public List<StoredAnchor> storedAnchors() throws SQLException {
        List<StoredAnchor> anchors = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + AnchorRows.COLUMNS + " FROM "
                + tables.qualified(LedgerTables.ANCHOR) + " ORDER BY sequence");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                anchors.add(ANCHOR_ROWS.decodeStored(rows));
            }
        }
        return anchors;
    }

    /** Receives the rows; each method returns whether to go on. */
    public interface RowConsumer {
        /** An entry as stored, with what its row declares of itself. */
        boolean accept(StoredEntry row);

        /** A row that does not decode into an entry (e.g. a time outside what microseconds can hold); {@code field} names it. */
        boolean undecodable(int shard, long position, String field, String reason);
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
        try (PreparedStatement select = connection.prepareStatement("SELECT " + LedgerRows.COLUMNS + " FROM "
                + tables.qualified(LedgerTables.LEDGER_ENTRY) + " ORDER BY shard, position")) {
            select.setFetchSize(FETCH_ROWS);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    read++;
                    StoredEntry row;
                    try {
                        row = LEDGER_ROWS.decodeStored(rows);
                    } catch (RuntimeException undecodable) {
                        if (!consumer.undecodable(rows.getInt("shard"), rows.getLong("position"), LEDGER_ROWS.undecodableField(rows),
                                undecodable.toString())) {
                            break;
                        }
                        continue;
                    }
                    if (!consumer.accept(row)) {
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
