package io.certeus.cli;

import io.certeus.core.hash.CanonicalEncoding;
import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.model.Event;
import io.certeus.core.shard.Shards;
import io.certeus.postgres.schema.SchemaMigrator;
import io.certeus.postgres.testing.PostgresTestSupport;
import io.certeus.testing.TestEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code certeus verify} on rows written straight into PostgreSQL: a correct chain that holds one
 * eventId twice is reported with both locations; a schema without a ledger is a clear error.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifyDuplicatesIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private static final String CASE_ID = "CIV-000042";
    private static final UUID REPEATED = UUID.fromString("0190f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a6");

    private static final LedgerHasher HASHER = new LedgerHasher();
    private static byte[] head = Hashes.ZERO_HASH;

    @BeforeAll
    static void migrate() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(PG.jdbcUrl());
        dataSource.setUser(PG.user());
        if (PG.password() != null) {
            dataSource.setPassword(PG.password());
        }
        SchemaMigrator.migrate(dataSource, PG.schema());
    }

    private static String[] postgresArgs(String schema) {
        return new String[] {"--pg-url", PG.jdbcUrl(), "--pg-user", PG.user(), "--schema", schema};
    }

    /** Appends a correctly chained row to the case's shard. */
    private static void chain(long position, UUID eventId) throws Exception {
        int shard = Shards.shardOf(CASE_ID);
        Event event = TestEvents.event().eventId(eventId).caseId(CASE_ID).payload("{\"n\":" + position + "}")
                .ingestedAtMicros(1_767_225_600_000_000L + position).build();
        byte[] hash = HASHER.entryHash(shard, position, head, event);
        try (Connection connection = PG.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger_entry (shard, position, hash_version,"
                     + " event_id, case_id, event_type, actor, source_ip, document_hash, payload, occurred_at, ingested_at,"
                     + " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, timestamptz 'epoch' + ? * interval '1 microsecond',"
                     + " timestamptz 'epoch' + ? * interval '1 microsecond', ?, ?)")) {
            insert.setInt(1, shard);
            insert.setLong(2, position);
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
            insert.setBytes(13, head);
            insert.setBytes(14, hash);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        head = hash;
    }

    @Test
    @Order(1)
    void aChainOfDistinctEventIdsVerifies() throws Exception {
        chain(0, REPEATED);
        chain(1, UUID.fromString("0190f3a4-5b6c-7d8e-9fa0-000000000001"));
        CliRun run = CliRun.run(postgresArgs(PG.schema()), "verify");
        assertThat(run.exitCode).isEqualTo(ExitCodes.OK);
        assertThat(run.out).startsWith("VERIFIED: entries=2");
    }

    @Test
    @Order(2)
    void anEventIdChainedTwiceIsReportedWithBothLocations() throws Exception {
        chain(2, REPEATED);
        CliRun run = CliRun.run(postgresArgs(PG.schema()), "verify");
        assertThat(run.exitCode).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        int shard = Shards.shardOf(CASE_ID);
        assertThat(run.out).startsWith("DUPLICATE EVENT IDS: count=1")
                .contains("eventId=" + REPEATED + " at shard=" + shard + " position=0, shard=" + shard + " position=2")
                .doesNotContain("DAMAGED");
    }

    @Test
    @Order(3)
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
