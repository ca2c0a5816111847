package io.certeus.postgres.table;

import io.certeus.postgres.copy.PgCopyWriter;
import io.certeus.postgres.copy.UnstorableValueException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;

/**
 * One PostgreSQL table's rows, described once: the column list, how a map entry is written as a
 * binary COPY row, and how a row selected with that column list reads back into the same value,
 * byte for byte. The MapStores write and load through it; offline tools read the ledger through it.
 *
 * <p>Implementations are stateless and thread-safe; the writer they are given is not.
 */
public interface TableRows<K, V> {
    /** The column list, in field order: what COPY writes and what a select for {@link #decode} names. */
    String columns();

    /** The value of a row selected with {@link #columns()} (columns are read by name). */
    V decode(ResultSet row) throws SQLException;

    /**
     * Writes one row (beginRow ... endRow).
     *
     * @throws UnstorableValueException when the value cannot be stored exactly; the caller drops the
     *                                  half-written row with {@link PgCopyWriter#abortRow()}
     */
    void encode(K key, V value, PgCopyWriter out) throws SQLException;

    /** The key as {@code name=value} pairs for logs and error records. */
    String describeKey(K key);

    /**
     * The order rows are best written in (the table's primary-key order), or {@code null} for any
     * order. Write-behind hands over entries in no useful order; COPYing them sorted makes index
     * inserts land on neighbouring pages instead of a random page per row.
     */
    default Comparator<K> rowOrder() {
        return null;
    }
}
