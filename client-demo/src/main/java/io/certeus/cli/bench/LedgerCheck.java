package io.certeus.cli.bench;

import io.certeus.cli.audit.LedgerAudit;
import io.certeus.postgres.copy.PgCopyWriter;
import io.certeus.postgres.schema.LedgerTables;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What PostgreSQL holds after the load, compared with what the grid acknowledged: every acknowledged
 * event id is loaded into a temporary table and joined with {@code ledger_entry.event_id}, so
 * {@code lost} and {@code duplicated} are exact, not inferred from counts; {@code forks} counts
 * {@code ledger_fork} rows; then the offline {@link LedgerAudit} verifies every chain and anchor of
 * the schema.
 *
 * <p>Not thread-safe: one connection, one check at a time.
 */
public final class LedgerCheck {
    private static final String ACKED_TABLE = "bench_acked_event";
    private static final int COPY_CHUNK_BYTES = 1 << 20;

    private final Connection connection;
    private final String schema;
    private final LedgerTables tables;

    /** The check's findings. */
    public static final class Findings {
        public long lost;
        public long duplicated;
        public long forks;
        public boolean verified;
        public String verification;
    }

    public LedgerCheck(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
        this.tables = new LedgerTables(schema);
    }

    /** Rows in {@code ledger_entry}; 0 while the members have not created the table yet. */
    public long ledgerRows() throws SQLException {
        if (!ledgerTableExists()) {
            return 0;
        }
        return count("SELECT count(*) FROM " + tables.qualified(LedgerTables.LEDGER_ENTRY));
    }

    public boolean ledgerTableExists() throws SQLException {
        return count("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema
                + "' AND table_name = '" + LedgerTables.LEDGER_ENTRY + "'") > 0;
    }

    public Findings run(EventIdLog ids, long sent) throws SQLException {
        Findings findings = new Findings();
        loadAckedIds(ids, sent);
        String ledger = tables.qualified(LedgerTables.LEDGER_ENTRY);
        findings.lost = count("SELECT count(*) FROM " + ACKED_TABLE + " a WHERE NOT EXISTS (SELECT 1 FROM " + ledger
                + " e WHERE e.event_id = a.event_id)");
        findings.duplicated = count("SELECT count(*) FROM (SELECT e.event_id FROM " + ledger + " e JOIN " + ACKED_TABLE
                + " a ON a.event_id = e.event_id GROUP BY e.event_id HAVING count(*) > 1) d");
        findings.forks = count("SELECT count(*) FROM " + tables.qualified(LedgerTables.LEDGER_FORK));
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + ACKED_TABLE);
        }
        LedgerAudit.Report report = new LedgerAudit().run(connection, schema);
        findings.verified = report.intact();
        findings.verification = report.describe();
        return findings;
    }

    private void loadAckedIds(EventIdLog ids, long sent) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + ACKED_TABLE);
            statement.execute("CREATE TEMPORARY TABLE " + ACKED_TABLE + " (event_id uuid NOT NULL)");
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + ACKED_TABLE + " (event_id) FROM STDIN (FORMAT binary)");
        try {
            PgCopyWriter writer = new PgCopyWriter(COPY_CHUNK_BYTES);
            writer.begin(copy::writeToCopy);
            SQLException[] failure = new SQLException[1];
            ids.forEachAcked(sent, eventId -> {
                if (failure[0] != null) {
                    return;
                }
                writer.beginRow(1);
                writer.putUuid(eventId);
                try {
                    writer.endRow();
                } catch (SQLException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            writer.finish();
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE " + ACKED_TABLE);
        }
    }

    private long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
