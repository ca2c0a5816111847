package io.certeus.postgres.copy;

import java.sql.SQLException;

/**
 * Where encoded COPY bytes go: PgJDBC's {@code CopyIn} in production, a byte array in benchmarks.
 *
 * <p>Implementations are used by one thread at a time.
 */
@FunctionalInterface
public interface CopySink {
    void write(byte[] buffer, int offset, int length) throws SQLException;
}
