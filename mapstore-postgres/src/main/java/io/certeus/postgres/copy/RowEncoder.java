package io.certeus.postgres.copy;

import java.sql.SQLException;
import java.util.Comparator;

/**
 * Encodes one map entry as one binary COPY row of a table whose column list is {@link #columns()}.
 *
 * <p>Implementations are stateless and thread-safe; the writer they are given is not.
 */
public interface RowEncoder<K, V> {
    /** The COPY column list, in field order. */
    String columns();

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
