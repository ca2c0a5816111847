package io.certeus.postgres.table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * Reads {@code timestamptz} columns as the model keeps times: microseconds since 1970-01-01T00:00Z.
 *
 * <p>Thread-safe: stateless.
 */
final class TimestampColumns {
    private TimestampColumns() {
    }

    /** The column's time, exactly; throws when it is outside what microseconds in a long can hold (e.g. infinity). */
    static long micros(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return Math.addExact(Math.multiplyExact(time.toEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }
}
