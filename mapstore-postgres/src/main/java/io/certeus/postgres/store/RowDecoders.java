package io.certeus.postgres.store;

import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.RejectedEvent;
import io.certeus.postgres.copy.AnchorRowEncoder;
import io.certeus.postgres.copy.LedgerRowEncoder;
import io.certeus.postgres.copy.RejectedRowEncoder;
import io.certeus.postgres.copy.TextEscaper;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Reads rows selected with the encoders' column lists ({@link LedgerRowEncoder#COLUMNS} and the
 * others, in that order, from column 1) back into model objects, byte for byte. Offline tools read
 * the ledger with these too.
 *
 * <p>Thread-safe: stateless.
 */
public final class RowDecoders {
    private RowDecoders() {
    }

    /** A row selected with {@link LedgerRowEncoder#COLUMNS}. */
    public static LedgerEntry ledgerEntry(ResultSet row) throws SQLException {
        int shard = row.getInt(1);
        long position = row.getLong(2);
        Event event = new Event(
                row.getObject(4, UUID.class),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                row.getString(8),
                row.getBytes(9),
                row.getBytes(10),
                micros(row, 11),
                micros(row, 12));
        return new LedgerEntry(event, shard, position, row.getBytes(13), row.getBytes(14));
    }

    /** The hash_version of a row selected with {@link LedgerRowEncoder#COLUMNS}. */
    public static short ledgerHashVersion(ResultSet row) throws SQLException {
        return row.getShort(3);
    }

    /** A row selected with {@link AnchorRowEncoder#COLUMNS}. */
    public static Anchor anchor(ResultSet row) throws SQLException {
        byte[] sizes = row.getBytes(8);
        long[] shardSizes = new long[sizes.length / Long.BYTES];
        ByteBuffer.wrap(sizes).asLongBuffer().get(shardSizes);
        return new Anchor(row.getLong(1), micros(row, 3), row.getBytes(5), row.getBytes(6), row.getBytes(7), shardSizes,
                row.getBytes(9));
    }

    /** The hash_version of a row selected with {@link AnchorRowEncoder#COLUMNS}. */
    public static short anchorHashVersion(ResultSet row) throws SQLException {
        return row.getShort(2);
    }

    /** The shard_count column of a row selected with {@link AnchorRowEncoder#COLUMNS} (the sizes and heads carry their own). */
    public static int anchorShardCount(ResultSet row) throws SQLException {
        return row.getInt(4);
    }

    /** A row selected with {@link RejectedRowEncoder#COLUMNS}. */
    public static RejectedEvent rejectedEvent(ResultSet row) throws SQLException {
        boolean escaped = row.getBoolean(14);
        Event event = new Event(
                row.getObject(2, UUID.class),
                text(row, 3, escaped),
                text(row, 4, escaped),
                text(row, 5, escaped),
                text(row, 6, escaped),
                row.getBytes(7),
                row.getBytes(8),
                row.getLong(9),
                row.getLong(10));
        return new RejectedEvent(event, text(row, 11, escaped), text(row, 12, escaped), row.getLong(13), row.getString(15));
    }

    /** A timestamptz column as microseconds since 1970-01-01T00:00Z, exactly. */
    public static long micros(ResultSet row, int column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return Math.addExact(Math.multiplyExact(time.toEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    private static String text(ResultSet row, int column, boolean escaped) throws SQLException {
        String value = row.getString(column);
        return escaped ? TextEscaper.unescape(value) : value;
    }
}
