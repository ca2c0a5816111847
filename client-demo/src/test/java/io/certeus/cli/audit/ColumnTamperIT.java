package io.certeus.cli.audit;

import io.certeus.core.hash.Hashes;
import io.certeus.core.shard.Shards;
import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.schema.SchemaMigrator;
import io.certeus.testing.PostgresTestSupport;
import io.certeus.testing.TestEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One change to one column of one stored row, for every column of {@code ledger_entry} and of
 * {@code anchor} (and values a row cannot even be decoded with): the offline audit must find it and
 * name the right field, never crash. The ledger is written by
 * the production stores (field digests included), three entries of one case and one anchor over them;
 * each case restores it first, then changes the middle entry or the anchor.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ColumnTamperIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private static final String CASE_ID = "TAM-000001";
    private static final int SHARD = Shards.shardOf(CASE_ID);

    @BeforeAll
    static void migrate() {
        SchemaMigrator.migrate(PG.dataSource(), PG.schema());
    }

    @BeforeEach
    void writeIntactLedger() throws Exception {
        try (Connection connection = PG.connect(); Statement clear = connection.createStatement()) {
            clear.executeUpdate("DELETE FROM ledger_entry");
            clear.executeUpdate("DELETE FROM anchor");
        }
        StoredLedger.write(PostgresSettings.fromPropertiesOnly(PG.settings()), SHARD, 3, position -> TestEvents.event().caseId(CASE_ID)
                .eventId(new java.util.UUID(0x0190_0000_0000_7000L, 0x8000_0000_0000_0000L | position))
                .sourceIp("10.0.0." + (position + 1)).documentHash(Hashes.sha256(new byte[] {(byte) position}))
                .payload("{\"n\":" + position + "}").ingestedAtMicros(1_767_225_600_000_000L + position).build());
        LedgerAudit.Report intact = audit();
        assertThat(intact.intact()).as("the ledger before any change: %s", intact.describe()).isTrue();
    }

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource(delimiter = ';', value = {
        // A row moved to another shard first shows as the gap it leaves in its own chain (rows are read in (shard, position) order).
        "ledger_entry; shard;          shard = shard + 1;                                                   position",
        "ledger_entry; position;       position = position + 10;                                            position",
        "ledger_entry; hash_version;   hash_version = 2;                                                    hash_version",
        "ledger_entry; event_id;       event_id = '01900000-0000-7000-8000-0000000000ff';                   eventId",
        "ledger_entry; case_id;        case_id = 'TAM-000009';                                              caseId",
        "ledger_entry; event_type;     event_type = 'CASE_CLOSED';                                          type",
        "ledger_entry; actor;          actor = actor || 'x';                                                actor",
        "ledger_entry; source_ip;      source_ip = '10.0.0.99';                                             sourceIp",
        "ledger_entry; document_hash;  document_hash = set_byte(document_hash, 0, get_byte(document_hash, 0) # 1); documentHash",
        "ledger_entry; payload;        payload = set_byte(payload, 1, get_byte(payload, 1) # 1);            payload",
        "ledger_entry; occurred_at;    occurred_at = occurred_at + interval '1 microsecond';                occurredAt",
        "ledger_entry; ingested_at;    ingested_at = ingested_at + interval '1 microsecond';                ingestedAt",
        "ledger_entry; occurred_at;    occurred_at = 'infinity';                                            occurredAt",
        "ledger_entry; prev_hash;      prev_hash = set_byte(prev_hash, 0, get_byte(prev_hash, 0) # 1);      prevHash",
        "ledger_entry; hash;           hash = set_byte(hash, 0, get_byte(hash, 0) # 1);                     hash",
        "ledger_entry; field_digests;  field_digests = set_byte(field_digests, 0, get_byte(field_digests, 0) # 1); field_digests",
        "anchor;       sequence;       sequence = sequence + 1;                                             sequence",
        "anchor;       hash_version;   hash_version = 2;                                                    hash_version",
        "anchor;       anchored_at;    anchored_at = anchored_at + interval '1 microsecond';                anchorHash",
        "anchor;       shard_count;    shard_count = shard_count - 1;                                       shard_count",
        "anchor;       merkle_root;    merkle_root = set_byte(merkle_root, 0, get_byte(merkle_root, 0) # 1); merkleRoot",
        "anchor;       prev_anchor_hash; prev_anchor_hash = set_byte(prev_anchor_hash, 0, get_byte(prev_anchor_hash, 0) # 1); prevAnchorHash",
        "anchor;       anchor_hash;    anchor_hash = set_byte(anchor_hash, 0, get_byte(anchor_hash, 0) # 1); anchorHash",
        // The root is computed over sizes and heads: a changed leaf shows as a root that no longer recomputes.
        "anchor;       shard_sizes;    shard_sizes = set_byte(shard_sizes, 7, get_byte(shard_sizes, 7) # 1); merkleRoot",
        "anchor;       head_hashes;    head_hashes = set_byte(head_hashes, 0, get_byte(head_hashes, 0) # 1); merkleRoot",
        // Rows that no longer decode are located, never a crash.
        "anchor;       shard_sizes;    shard_sizes = substring(shard_sizes from 1 for octet_length(shard_sizes) - 1); shardSizes",
        "anchor;       head_hashes;    head_hashes = substring(head_hashes from 1 for octet_length(head_hashes) - 32); headHashes",
    })
    void oneChangedColumnIsFoundAndNamed(String table, String column, String change, String expectedField) throws Exception {
        String where = table.equals("ledger_entry") ? " WHERE position = 1" : "";
        try (Connection connection = PG.connect(); Statement update = connection.createStatement()) {
            assertThat(update.executeUpdate("UPDATE " + table + " SET " + change + where)).as("rows changed").isEqualTo(1);
        }

        LedgerAudit.Report report = audit();

        assertThat(report.intact()).as("%s.%s changed: %s", table, column, report.describe()).isFalse();
        assertThat(report.field()).as("%s.%s changed: %s", table, column, report.describe()).isEqualTo(expectedField);
    }

    private static LedgerAudit.Report audit() throws Exception {
        try (Connection connection = PG.connect()) {
            return new LedgerAudit().run(connection, PG.schema());
        }
    }
}
