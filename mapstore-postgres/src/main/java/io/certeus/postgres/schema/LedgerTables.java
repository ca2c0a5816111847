package io.certeus.postgres.schema;

import java.util.regex.Pattern;

/**
 * Table names of the CERTEUS schema (created by the Flyway migrations under {@code db/migration})
 * and safe, quoted qualification of them with the configured schema name.
 *
 * <p>Thread-safe: immutable.
 */
public final class LedgerTables {
    public static final String LEDGER_ENTRY = "ledger_entry";
    public static final String LEDGER_FORK = "ledger_fork";
    public static final String LEDGER_PENDING = "ledger_pending";
    public static final String ANCHOR = "anchor";
    public static final String ANCHOR_FORK = "anchor_fork";
    public static final String ANCHOR_SIGNATURE = "anchor_signature";
    public static final String REJECTED_EVENT = "rejected_event";
    public static final String UNSTORABLE_ROW = "unstorable_row";

    /** Schema names CERTEUS accepts: lower-case SQL identifiers, so quoting never changes their meaning. */
    public static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String schema;

    public LedgerTables(String schema) {
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema name not allowed: schema=" + schema + ", allowed="
                    + SCHEMA_NAME.pattern());
        }
        this.schema = schema;
    }

    public String schema() {
        return schema;
    }

    /** {@code "schema".table}. */
    public String qualified(String table) {
        return '"' + schema + "\"." + table;
    }
}
