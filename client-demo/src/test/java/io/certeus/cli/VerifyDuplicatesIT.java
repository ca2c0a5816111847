package io.certeus.cli;

import io.certeus.core.hash.CanonicalEncoding;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.Shards;
import io.certeus.postgres.schema.SchemaMigrator;
import io.certeus.testing.PostgresTestSupport;
import io.certeus.testing.TestChains;
import io.certeus.testing.TestEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code certeus verify} on rows written straight into PostgreSQL: a correct chain that holds one
 * eventId twice is reported with both locations; a schema without a ledger is a clear error.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class VerifyDuplicatesIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private static final String CASE_ID = "CIV-000042";
    private static final UUID REPEATED = UUID.fromString("0190f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a6");
    private static final UUID OTHER = UUID.fromString("0190f3a4-5b6c-7d8e-9fa0-000000000001");

    @BeforeAll
    static void migrate() {
        SchemaMigrator.migrate(PG.dataSource(), PG.schema());
    }

    private static String[] postgresArgs(String schema) {
        return new String[] {"--pg-url", PG.jdbcUrl(), "--pg-user", PG.user(), "--schema", schema};
    }

    /** A ledger of one case holding only {@code eventIds} in order, correctly chained, written straight into PostgreSQL. */
    private static void ledgerOf(UUID... eventIds) throws Exception {
        List<LedgerEntry> chain = TestChains.chain(Shards.shardOf(CASE_ID), eventIds.length, position -> TestEvents.event()
                .eventId(eventIds[(int) position]).caseId(CASE_ID).payload("{\"n\":" + position + "}")
                .ingestedAtMicros(1_767_225_600_000_000L + position).build());
        try (Connection connection = PG.connect();
             Statement clear = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger_entry (shard, position, hash_version,"
                     + " event_id, case_id, event_type, actor, source_ip, document_hash, payload, occurred_at, ingested_at,"
                     + " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, timestamptz 'epoch' + ? * interval '1 microsecond',"
                     + " timestamptz 'epoch' + ? * interval '1 microsecond', ?, ?)")) {
            clear.executeUpdate("DELETE FROM ledger_entry");
            for (LedgerEntry entry : chain) {
                Event event = entry.event();
                insert.setInt(1, entry.shard());
                insert.setLong(2, entry.position());
                insert.setShort(3, CanonicalEncoding.VERSION);
                insert.setObject(4, event.eventId());
                insert.setString(5, event.caseId());
                insert.setString(6, event.type());
                insert.setString(7, event.actor());
                insert.setString(8, event.sourceIp());
                insert.setBytes(9, event.documentHash());
                insert.setBytes(10, event.payload());
                insert.setLong(11, event.occurredAtMicros());
                insert.setLong(12, event.ingestedAtMicros());
                insert.setBytes(13, entry.prevHash());
                insert.setBytes(14, entry.hash());
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
        }
    }

    @Test
    void aChainOfDistinctEventIdsVerifies() throws Exception {
        ledgerOf(REPEATED, OTHER);
        CliRun run = CliRun.run(postgresArgs(PG.schema()), "verify");
        assertThat(run.exitCode).isEqualTo(ExitCodes.OK);
        assertThat(run.out).startsWith("VERIFIED: entries=2");
    }

    @Test
    void rowsLeftOutsideTheLedgerAreReportedButAreNotDamage() throws Exception {
        ledgerOf(REPEATED, OTHER);
        try (Connection connection = PG.connect(); Statement park = connection.createStatement()) {
            // A row that arrived after a gap that never closed (events lost in a crash): parked, not in the ledger.
            park.executeUpdate("INSERT INTO ledger_pending SELECT * FROM ledger_entry WHERE position = 1");
            park.executeUpdate("UPDATE ledger_pending SET position = 7");
        }
        try {
            CliRun run = CliRun.run(postgresArgs(PG.schema()), "verify");
            assertThat(run.exitCode).isEqualTo(ExitCodes.OK);
            assertThat(run.out).startsWith("VERIFIED: entries=2").contains("pending=1");
        } finally {
            try (Connection connection = PG.connect(); Statement clear = connection.createStatement()) {
                clear.executeUpdate("DELETE FROM ledger_pending");
            }
        }
    }

    @Test
    void anEventIdChainedTwiceIsReportedWithBothLocations() throws Exception {
        ledgerOf(REPEATED, OTHER, REPEATED);
        CliRun run = CliRun.run(postgresArgs(PG.schema()), "verify");
        assertThat(run.exitCode).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        int shard = Shards.shardOf(CASE_ID);
        assertThat(run.out).startsWith("DUPLICATE EVENT IDS: count=1")
                .contains("eventId=" + REPEATED + " at shard=" + shard + " position=0, shard=" + shard + " position=2")
                .doesNotContain("DAMAGED");
    }

    @Test
    void aSchemaWithoutALedgerIsAClearErrorWithItsOwnExitCode() {
        for (String[] args : new String[][] {{"verify"}, {"anchors", "export"}}) {
            String[] all = new String[args.length + 6];
            System.arraycopy(args, 0, all, 0, args.length);
            System.arraycopy(postgresArgs("no_such_schema_here"), 0, all, args.length, 6);
            CliRun run = CliRun.run(all);
            assertThat(run.exitCode).as("%s", args[0]).isEqualTo(ExitCodes.NO_LEDGER);
            assertThat(run.err).contains("no CERTEUS ledger in PostgreSQL schema: schema=no_such_schema_here")
                    .doesNotContain("PSQLException");
        }
    }
}
