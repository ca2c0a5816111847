package io.certeus.cli.audit;

import io.certeus.core.hash.Hashes;
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

    /**
     * An anchor row as stored: the anchor, and the hash version and shard count its row declares; or,
     * for a row that does not even decode into an anchor, {@code anchor} is {@code null} and
     * {@code unreadableField} names the column at fault.
     */
    public record StoredAnchor(long sequence, Anchor anchor, int hashVersion, int declaredShardCount, String unreadableField,
            String unreadableReason) {
    }

    /** The anchors that decode (see {@link #storedAnchors()} for rows that do not). */
    public List<Anchor> anchors() throws SQLException {
        List<Anchor> anchors = new ArrayList<>();
        storedAnchors().stream().filter(stored -> stored.anchor() != null).forEach(stored -> anchors.add(stored.anchor()));
        return anchors;
    }

    /** Which column keeps a ledger row from decoding: a time microseconds since the epoch cannot hold, else the row. */
    private static String unreadableEntryField(ResultSet row) throws SQLException {
        for (Object[] time : new Object[][] {{11, "occurredAt"}, {12, "ingestedAt"}}) {
            try {
                RowDecoders.micros(row, (Integer) time[0]);
            } catch (RuntimeException outOfRange) {
                return (String) time[1];
            }
        }
        return "row";
    }

    /** Which column keeps an anchor row from decoding: sizes not whole 8-byte values, heads not one per size, or the time. */
    private static String unreadableAnchorField(ResultSet row) throws SQLException {
        byte[] sizes = row.getBytes(8);
        byte[] heads = row.getBytes(9);
        if (sizes == null || sizes.length % Long.BYTES != 0) {
            return "shardSizes";
        }
        if (heads == null || heads.length != sizes.length / Long.BYTES * Hashes.HASH_BYTES) {
            return "headHashes";
        }
        return "anchoredAt";
    }

    /** Every anchor row in sequence order, with its {@code hash_version}. */
    public List<StoredAnchor> storedAnchors() throws SQLException {
        List<StoredAnchor> anchors = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + AnchorRowEncoder.COLUMNS + " FROM "
                + tables.qualified(LedgerTables.ANCHOR) + " ORDER BY sequence");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                long sequence = rows.getLong(1);
                int hashVersion = RowDecoders.anchorHashVersion(rows);
                int shardCount = RowDecoders.anchorShardCount(rows);
                try {
                    anchors.add(new StoredAnchor(sequence, RowDecoders.anchor(rows), hashVersion, shardCount, null, null));
                } catch (RuntimeException unreadable) {
                    anchors.add(new StoredAnchor(sequence, null, hashVersion, shardCount, unreadableAnchorField(rows),
                            unreadable.toString()));
                }
            }
        }
        return anchors;
    }

    /** An entry as stored, with the hash version its row declares and its field digests ({@code null} for rows written without them). */
    public interface RowConsumer {
        boolean accept(LedgerEntry entry, int hashVersion, byte[] fieldDigests);

        /** A row that does not decode into an entry (e.g. a time outside what microseconds can hold); {@code field} names the column. */
        boolean unreadable(int shard, long position, String field, String reason);
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
                    LedgerEntry entry;
                    try {
                        entry = RowDecoders.ledgerEntry(rows);
                    } catch (RuntimeException unreadable) {
                        if (!consumer.unreadable(rows.getInt(1), rows.getLong(2), unreadableEntryField(rows), unreadable.toString())) {
                            break;
                        }
                        continue;
                    }
                    if (!consumer.accept(entry, RowDecoders.ledgerHashVersion(rows),
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
