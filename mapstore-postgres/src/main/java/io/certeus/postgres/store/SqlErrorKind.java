package io.certeus.postgres.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * What a failed write means, decided by SQLSTATE (never by message text):
 * <ul>
 *   <li>{@link #CONFLICT}: 23505 unique_violation, a key that is already stored: go through staging;</li>
 *   <li>{@link #DATA}: class 22 (data exception), 23 (other integrity) and 54 (program limit): some row
 *       cannot be stored; find it and set it aside;</li>
 *   <li>{@link #UNAVAILABLE}: class 08 (connection), 53 (resources), 57 (operator intervention,
 *       shutdown), 58 (system), 40 (rollback), 55P03 and pool time-outs: wait and retry;</li>
 *   <li>{@link #OTHER}: anything else (missing table, privileges, ...): an operator must act; wait and
 *       retry, logging at ERROR.</li>
 * </ul>
 *
 * <p>Thread-safe: stateless enum.
 */
public enum SqlErrorKind {
    CONFLICT,
    DATA,
    UNAVAILABLE,
    OTHER;

    public static SqlErrorKind classify(SQLException error) {
        String state = sqlState(error);
        if (state == null) {
            return error instanceof SQLTransientConnectionException ? UNAVAILABLE : OTHER;
        }
        if (state.equals("23505")) {
            return CONFLICT;
        }
        if (state.equals("55P03")) {
            return UNAVAILABLE;
        }
        switch (state.length() >= 2 ? state.substring(0, 2) : state) {
            case "22":
            case "23":
            case "54":
                return DATA;
            case "08":
            case "53":
            case "57":
            case "58":
            case "40":
                return UNAVAILABLE;
            default:
                return error instanceof SQLTransientConnectionException ? UNAVAILABLE : OTHER;
        }
    }

    /** The first SQLSTATE found along the exception chain, or {@code null}. */
    public static String sqlState(SQLException error) {
        Throwable current = error;
        while (current != null) {
            if (current instanceof SQLException && ((SQLException) current).getSQLState() != null) {
                return ((SQLException) current).getSQLState();
            }
            current = current.getCause();
        }
        return null;
    }
}
