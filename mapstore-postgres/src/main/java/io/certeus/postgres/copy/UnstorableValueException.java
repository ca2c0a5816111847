package io.certeus.postgres.copy;

/**
 * A value that PostgreSQL could not keep exactly (a NUL in text, an unpaired surrogate, a time out of
 * timestamptz range, a key that does not match its value). Raised before anything is sent, so the
 * row can be set aside while the rest of its batch is stored.
 *
 * <p>Thread-safe: immutable.
 */
public final class UnstorableValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String column;

    public UnstorableValueException(String column, String reason) {
        super("value cannot be stored exactly: column=" + column + ", reason=" + reason, null, false, false);
        this.column = column;
    }

    public String column() {
        return column;
    }
}
