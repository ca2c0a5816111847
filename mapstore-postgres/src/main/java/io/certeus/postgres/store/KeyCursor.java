package io.certeus.postgres.store;

import java.io.Closeable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams a table's keys with a server-side cursor ({@value #FETCH_ROWS} rows per round trip) for
 * {@code loadAllKeys}; Hazelcast closes it when done.
 *
 * <p>Not thread-safe: iterated once, by one thread.
 */
final class KeyCursor<K> implements Iterable<K>, Closeable {
    static final int FETCH_ROWS = 10_000;

    /** Reads a key from the current row. */
    interface KeyReader<K> {
        K read(ResultSet row) throws SQLException;
    }

    private final StoreResources resources;
    private final String sql;
    private final KeyReader<K> reader;
    private final String mapName;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet rows;

    KeyCursor(StoreResources resources, String sql, KeyReader<K> reader, String mapName) {
        this.resources = resources;
        this.sql = sql;
        this.reader = reader;
        this.mapName = mapName;
    }

    @Override
    public Iterator<K> iterator() {
        try {
            connection = resources.dataSource().getConnection();
            statement = connection.prepareStatement(sql);
            statement.setFetchSize(FETCH_ROWS);
            rows = statement.executeQuery();
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("postgres-store: loadAllKeys failed: map=" + mapName + ", sqlState="
                    + SqlErrorKind.sqlState(e), e);
        }
        return new Iterator<>() {
            private Boolean hasNext;

            @Override
            public boolean hasNext() {
                if (hasNext == null) {
                    try {
                        hasNext = rows.next();
                    } catch (SQLException e) {
                        throw new IllegalStateException("postgres-store: loadAllKeys read failed: map=" + mapName, e);
                    }
                    if (!hasNext) {
                        close();
                    }
                }
                return hasNext;
            }

            @Override
            public K next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                hasNext = null;
                try {
                    return reader.read(rows);
                } catch (SQLException e) {
                    throw new IllegalStateException("postgres-store: loadAllKeys decode failed: map=" + mapName, e);
                }
            }
        };
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.rollback();
                connection.close();
            }
        } catch (SQLException ignored) {
            // closing a broken connection
        }
        connection = null;
    }
}
