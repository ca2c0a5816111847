package io.certeus.cli.audit;

import io.certeus.cli.CerteusCli;
import io.certeus.cli.json.AnchorsFileReader;
import io.certeus.core.sign.AnchorSigning;
import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.schema.SchemaMigrator;
import io.certeus.testing.PostgresTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.certeus.cli.audit.Tamper.Verdict.anchor;
import static io.certeus.cli.audit.Tamper.Verdict.duplicateEventId;
import static io.certeus.cli.audit.Tamper.Verdict.entry;
import static io.certeus.cli.audit.Tamper.Verdict.verified;
import static io.certeus.cli.audit.TamperLedger.CASE_IDS;
import static io.certeus.cli.audit.TamperLedger.S0;
import static io.certeus.cli.audit.TamperLedger.S1;
import static io.certeus.cli.audit.TamperLedger.S2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of change a database administrator can make to a stored ledger (issue 12): each column
 * of a ledger row and of an anchor row, including values that once crashed the audit (infinite and
 * out-of-range times, short or long byte strings, NULLs the schema allows, an unknown hash version,
 * huge and empty payloads); rows deleted, swapped, moved and duplicated; tails cut back; anchors and
 * signatures deleted or swapped; and chains re-forged with the project's own hashing, with and
 * without re-forged anchors and signatures. For each, the audit must name the shard and position
 * (or anchor sequence) and the field, from the database alone where that can tell; where it cannot
 * (a re-forged chain with re-forged anchors) it says VERIFIED, which is the documented limit, and
 * the operator's pinned key or the anchors published before the change must then catch it.
 *
 * <p>The ledger is {@link TamperLedger}: three shards, three anchors, all signed by the operator.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TamperSuiteIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private static final KeyPair OPERATOR = AnchorSigning.generate();
    private static final KeyPair INTRUDER = AnchorSigning.generate();
    private static final String ANOTHER_PAYLOAD = "payload = convert_to('{\"shard\":1,\"n\":666}', 'UTF8')";

    @TempDir
    static Path files;

    private static Path publishedFile;
    private static Path trustedKeyFile;
    private static Map<Long, byte[]> published;

    @BeforeAll
    static void writeIntactLedgerAndPublishItsAnchors() throws Exception {
        SchemaMigrator.migrate(PG.dataSource(), PG.schema());
        Properties properties = PG.settings();
        Path privateFile = Files.writeString(files.resolve("operator.key"), AnchorSigning.pem(OPERATOR.getPrivate()),
                StandardCharsets.US_ASCII);
        trustedKeyFile = Files.writeString(files.resolve("operator.pub"), AnchorSigning.pem(OPERATOR.getPublic()),
                StandardCharsets.US_ASCII);
        properties.setProperty(PostgresSettings.ANCHOR_SIGNING_KEY_FILE, privateFile.toString());
        properties.setProperty(PostgresSettings.ANCHOR_PUBLIC_KEY_FILE, trustedKeyFile.toString());
        TamperLedger.write(PostgresSettings.fromPropertiesOnly(properties));
        try (Connection connection = PG.connect()) {
            TamperLedger.keepIntact(connection);
        }
        publishedFile = files.resolve("published-anchors.json");
        assertThat(cli("anchors", "export", "-o", publishedFile.toString())).as("certeus anchors export").isZero();
        published = new AnchorsFileReader().read(Files.readAllBytes(publishedFile));
        assertThat(published).as("anchors published").hasSize(3);
    }

    @BeforeEach
    void restoreIntactLedger() throws Exception {
        try (Connection connection = PG.connect()) {
            TamperLedger.restoreIntact(connection);
        }
    }

    @Test
    void theIntactLedgerVerifiesInEveryAudit() throws Exception {
        for (LedgerAudit.Report report : List.of(audit(List.of(), Map.of()), audit(List.of(OPERATOR.getPublic()), Map.of()),
                audit(List.of(), published))) {
            assertThat(report.intact()).as(report.describe()).isTrue();
            assertThat(report.entries()).isEqualTo(15);
            assertThat(report.anchors()).isEqualTo(3);
            assertThat(report.uncoveredEntries()).as("S0's newest entry").isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("tampers")
    void everyChangeIsFoundAndLocatedWhereTheAuditCanTell(Tamper tamper) throws Exception {
        try (Connection connection = PG.connect()) {
            tamper.apply(new Attacker(connection, PG.schema()));
        }
        tamper.databaseOnly().assertMatches(audit(List.of(), Map.of()), tamper + ", database only");
        tamper.withTrustedKey().assertMatches(audit(List.of(OPERATOR.getPublic()), Map.of()), tamper + ", --trusted-key");
        tamper.withPublished().assertMatches(audit(List.of(), published), tamper + ", --published");
    }

    @Test
    void theCommandLineFailsAReforgedLedgerOnlyWithTheKeyOrThePublishedAnchors() throws Exception {
        try (Connection connection = PG.connect()) {
            Attacker attacker = new Attacker(connection, PG.schema());
            attacker.sql("UPDATE ledger_entry SET " + ANOTHER_PAYLOAD + at(S1, 1));
            attacker.rechain(S1);
            attacker.reanchor();
        }
        assertThat(cli("verify")).as("database only: the documented limit").isZero();
        assertThat(cli("verify", "--trusted-key", trustedKeyFile.toString())).isEqualTo(1);
        assertThat(cli("verify", "--published", publishedFile.toString())).isEqualTo(1);
    }

    static Stream<Tamper> tampers() {
        return Stream.of(ledgerColumns(), anchorColumns(), rows(), anchorAndSignatureRows(), reforged()).flatMap(Stream::of);
    }

    /** Each column of a ledger row, S1's position 1 (optional fields present) or 2 (absent) unless said. */
    private static Tamper[] ledgerColumns() {
        return new Tamper[] {
            ledger("shard out of range (-1)", "shard = -1", 1, entry(-1, 1, "shard")),
            // Rows are read in (shard, position) order: a row moved beyond the last shard shows as the gap it leaves.
            ledger("shard beyond the last (1000)", "shard = 1000", 1, entry(S1, 2, "position")),
            ledger("position negative", "position = -1", 1, entry(S1, -1, "position")),
            ledger("position at the largest bigint", "position = 9223372036854775807", 1, entry(S1, 2, "position")),
            ledger("hash_version 2 (unknown)", "hash_version = 2", 1, entry(S1, 1, "hash_version")),
            ledger("hash_version -1", "hash_version = -1", 1, entry(S1, 1, "hash_version")),
            ledger("event_id changed", "event_id = '01900000-0000-7000-8000-0000000000ff'", 1, entry(S1, 1, "eventId")),
            ledger("event_id copied from the next row", "event_id = (SELECT event_id FROM ledger_entry" + at(S1, 2) + ")", 1,
                    entry(S1, 1, "eventId").withDuplicates(1)),
            ledger("case_id of another shard", "case_id = '" + CASE_IDS[2] + "'", 1, entry(S1, 1, "caseId")),
            ledger("case_id empty", "case_id = ''", 1, entry(S1, 1, "caseId")),
            ledger("event_type empty", "event_type = ''", 1, entry(S1, 1, "type")),
            ledger("actor of 1 MiB", "actor = repeat('x', 1048576)", 1, entry(S1, 1, "actor")),
            ledger("source_ip NULL where present", "source_ip = NULL", 1, entry(S1, 1, "sourceIp")),
            ledger("source_ip empty where absent", "source_ip = ''", 2, entry(S1, 2, "sourceIp")),
            ledger("document_hash NULL where present", "document_hash = NULL", 1, entry(S1, 1, "documentHash")),
            ledger("document_hash 31 bytes", "document_hash = substring(document_hash from 1 for 31)", 1,
                    entry(S1, 1, "documentHash")),
            ledger("document_hash 33 bytes", "document_hash = document_hash || '\\x00'::bytea", 1, entry(S1, 1, "documentHash")),
            ledger("document_hash empty where absent", "document_hash = ''::bytea", 2, entry(S1, 2, "documentHash")),
            ledger("payload empty", "payload = ''::bytea", 1, entry(S1, 1, "payload")),
            ledger("payload of 16 MiB", "payload = convert_to(repeat('x', 16777216), 'UTF8')", 1, entry(S1, 1, "payload")),
            ledger("occurred_at infinity", "occurred_at = 'infinity'", 1, entry(S1, 1, "occurredAt")),
            ledger("occurred_at -infinity", "occurred_at = '-infinity'", 1, entry(S1, 1, "occurredAt")),
            ledger("occurred_at the latest PostgreSQL time", "occurred_at = '294276-12-31 23:59:59.999999+00'", 1,
                    entry(S1, 1, "occurredAt")),
            ledger("occurred_at the earliest PostgreSQL time", "occurred_at = '4714-11-24 00:00:00+00 BC'", 1,
                    entry(S1, 1, "occurredAt")),
            ledger("ingested_at -infinity", "ingested_at = '-infinity'", 1, entry(S1, 1, "ingestedAt")),
            ledger("prev_hash empty", "prev_hash = ''::bytea", 1, entry(S1, 1, "prevHash")),
            ledger("prev_hash 64 bytes", "prev_hash = prev_hash || prev_hash", 1, entry(S1, 1, "prevHash")),
            ledger("hash 31 bytes", "hash = substring(hash from 1 for 31)", 1, entry(S1, 1, "hash")),
            ledger("hash of a shard head empty", "hash = ''::bytea", 4, entry(S1, 4, "hash")),
            // The digests are a locator outside every hash: without them nothing the ledger says has changed.
            ledger("field_digests NULL (limit: a locator, not content)", "field_digests = NULL", 1, verified()),
            ledger("field_digests NULL and payload changed", "field_digests = NULL, " + ANOTHER_PAYLOAD, 1, entry(S1, 1, "hash")),
            ledger("field_digests 35 bytes", "field_digests = substring(field_digests from 1 for 35)", 1,
                    entry(S1, 1, "field_digests")),
            ledger("field_digests of 1 MiB", "field_digests = decode(repeat('00', 1048576), 'hex')", 1,
                    entry(S1, 1, "field_digests")),
        };
    }

    /** Each column of an anchor row. */
    private static Tamper[] anchorColumns() {
        return new Tamper[] {
            anchorRow("sequence -1", "sequence = -1", 1, anchor(-1, "sequence")),
            anchorRow("sequence moved ahead (9)", "sequence = 9", 1, anchor(2, "sequence")),
            anchorRow("hash_version 2 (unknown)", "hash_version = 2", 1, anchor(1, "hash_version")),
            anchorRow("anchored_at infinity", "anchored_at = 'infinity'", 1, anchor(1, "anchoredAt")),
            anchorRow("anchored_at -infinity", "anchored_at = '-infinity'", 0, anchor(0, "anchoredAt")),
            anchorRow("anchored_at one microsecond later", "anchored_at = anchored_at + interval '1 microsecond'", 2,
                    anchor(2, "anchorHash")),
            anchorRow("shard_count -1", "shard_count = -1", 1, anchor(1, "shard_count")),
            anchorRow("merkle_root empty", "merkle_root = ''::bytea", 1, anchor(1, "merkleRoot")),
            anchorRow("prev_anchor_hash zero", "prev_anchor_hash = decode(repeat('00', 32), 'hex')", 1, anchor(1, "prevAnchorHash")),
            anchorRow("prev_anchor_hash of anchor 0 empty", "prev_anchor_hash = ''::bytea", 0, anchor(0, "prevAnchorHash")),
            anchorRow("anchor_hash 33 bytes", "anchor_hash = anchor_hash || '\\x00'::bytea", 2, anchor(2, "anchorHash")),
            anchorRow("shard_sizes one byte short", "shard_sizes = substring(shard_sizes from 1 for octet_length(shard_sizes) - 1)", 1,
                    anchor(1, "shardSizes")),
            anchorRow("head_hashes one byte long", "head_hashes = head_hashes || '\\x00'::bytea", 1, anchor(1, "headHashes")),
            anchorRow("no shards at all", "shard_sizes = ''::bytea, head_hashes = ''::bytea, shard_count = 0", 1,
                    anchor(1, "shardCount")),
        };
    }

    /** Ledger rows deleted, swapped, moved, duplicated; tails cut back. */
    private static Tamper[] rows() {
        return new Tamper[] {
            Tamper.of("a middle row deleted", entry(S1, 3, "position"), a -> a.sql("DELETE FROM ledger_entry" + at(S1, 2))),
            Tamper.of("a shard's first row deleted", entry(S2, 1, "position"), a -> a.sql("DELETE FROM ledger_entry" + at(S2, 0))),
            Tamper.of("two rows swapped", entry(S0, 1, "prevHash"), a -> a.sql(
                    "UPDATE ledger_entry SET position = -100" + at(S0, 1),
                    "UPDATE ledger_entry SET position = 1" + at(S0, 2),
                    "UPDATE ledger_entry SET position = 2" + at(S0, -100))),
            Tamper.of("a shard head moved to the end of another shard", entry(S2, 4, "prevHash"),
                    a -> a.sql("UPDATE ledger_entry SET shard = " + S2 + at(S1, 4))),
            Tamper.of("a row duplicated at the end of its shard", entry(S1, 5, "prevHash").withDuplicates(1),
                    a -> a.copyRow(S1, 4, S1, 5, "")),
            Tamper.of("an eventId chained twice in one shard, chain recomputed", duplicateEventId(S2, 1, S2, 4), a -> {
                a.copyRow(S2, 1, S2, 4, "");
                a.rechain(S2);
            }),
            Tamper.of("an eventId chained in two shards, chains recomputed", duplicateEventId(S0, 6, S1, 1), a -> {
                a.copyRow(S1, 1, S0, 6, "case_id = '" + CASE_IDS[0] + "'");
                a.rechain(S0);
            }),
            Tamper.of("tail cut back past an anchored head", anchor(2, S2, "shardSizes"),
                    a -> a.sql("DELETE FROM ledger_entry" + at(S2, 3))),
            Tamper.of("tail cut back past two anchored heads", anchor(1, S0, "shardSizes"),
                    a -> a.sql("DELETE FROM ledger_entry WHERE shard = " + S0 + " AND position >= 3")),
            Tamper.of("a whole shard deleted", anchor(1, S2, "shardSizes"), a -> a.sql("DELETE FROM ledger_entry WHERE shard = " + S2)),
            // Limit: no anchor covers S0's newest entry yet (uncovered=1); only --require-anchored fails while one is uncovered.
            Tamper.of("the uncovered tail entry deleted (limit)", verified(), a -> a.sql("DELETE FROM ledger_entry" + at(S0, 5))),
        };
    }

    /** Anchor rows and signature rows deleted, swapped, copied, changed. */
    private static Tamper[] anchorAndSignatureRows() {
        return new Tamper[] {
            Tamper.of("anchor 0 deleted", anchor(1, "sequence"), a -> a.sql("DELETE FROM anchor WHERE sequence = 0")),
            Tamper.of("a middle anchor deleted", anchor(2, "sequence"), a -> a.sql("DELETE FROM anchor WHERE sequence = 1")),
            // Limit: the newest anchor's removal shows only against a published anchor (its orphaned signature is
            // also what a crash between signing and storing leaves, so it is no proof).
            Tamper.of("the newest anchor deleted, its signature left", verified(), a -> a.sql("DELETE FROM anchor WHERE sequence = 2"))
                    .withPublished(anchor(2, "published")),
            Tamper.of("the newest anchor and its signature deleted", verified(), a -> a.sql(
                    "DELETE FROM anchor WHERE sequence = 2", "DELETE FROM anchor_signature WHERE sequence = 2"))
                    .withPublished(anchor(2, "published")),
            Tamper.of("the newest anchor copied as the next sequence", anchor(3, "prevAnchorHash"), a -> a.sql(
                    "INSERT INTO anchor SELECT 3, hash_version, anchored_at, shard_count, merkle_root, prev_anchor_hash, anchor_hash,"
                            + " shard_sizes, head_hashes FROM anchor WHERE sequence = 2")),
            Tamper.of("two anchors swapped", anchor(1, "prevAnchorHash"), a -> a.sql(
                    "UPDATE anchor SET sequence = -100 WHERE sequence = 1",
                    "UPDATE anchor SET sequence = 1 WHERE sequence = 2",
                    "UPDATE anchor SET sequence = 2 WHERE sequence = -100")),
            Tamper.of("a signature byte flipped", anchor(1, "signature"), a -> a.sql(
                    "UPDATE anchor_signature SET signature = set_byte(signature, 0, get_byte(signature, 0) # 1) WHERE sequence = 1")),
            Tamper.of("a signature's key id changed", anchor(1, "signature"), a -> a.sql(
                    "UPDATE anchor_signature SET key_id = repeat('0', 64) WHERE sequence = 1")),
            Tamper.of("a signature's public key not a key", anchor(1, "signature"), a -> a.sql(
                    "UPDATE anchor_signature SET public_key = '\\x00'::bytea WHERE sequence = 1")),
            Tamper.of("one anchor's signature deleted", verified(), a -> a.sql("DELETE FROM anchor_signature WHERE sequence = 1"))
                    .withTrustedKey(anchor(1, "signature")),
        };
    }

    /** Chains and anchors recomputed with the project's hashing, as an administrator without the signing key can. */
    private static Tamper[] reforged() {
        Tamper.Change middleOfS1 = a -> {
            a.sql("UPDATE ledger_entry SET " + ANOTHER_PAYLOAD + at(S1, 1));
            a.rechain(S1);
        };
        return new Tamper[] {
            Tamper.of("re-forged chain, anchors kept", anchor(0, S1, "headHashes"), middleOfS1),
            reforged("re-forged chain and anchors, the operator's signatures left", 0, "anchorHash", a -> {
                middleOfS1.apply(a);
                a.reanchor();
            }),
            reforged("re-forged chain and anchors, signatures deleted", 0, "signature", a -> {
                middleOfS1.apply(a);
                a.reanchor();
                a.sql("DELETE FROM anchor_signature");
            }),
            reforged("re-forged chain and anchors, signed with the intruder's key", 0, "signature", a -> {
                middleOfS1.apply(a);
                a.reanchor();
                a.sql("DELETE FROM anchor_signature");
                a.sign(INTRUDER);
            }),
            reforged("re-forged head covered by the newest anchor only", 2, "anchorHash", a -> {
                a.sql("UPDATE ledger_entry SET " + ANOTHER_PAYLOAD + at(S2, 3));
                a.rechain(S2);
                a.reanchor();
            }),
            reforged("re-forged cut-back of a shard's last two entries", 2, "anchorHash", a -> {
                a.sql("DELETE FROM ledger_entry WHERE shard = " + S1 + " AND position >= 3");
                a.reanchor();
            }),
            reforged("re-forged removal of a middle event, later ones moved up", 1, "anchorHash", a -> {
                a.sql("DELETE FROM ledger_entry" + at(S1, 2),
                        "UPDATE ledger_entry SET position = position + 1000000 WHERE shard = " + S1 + " AND position > 2",
                        "UPDATE ledger_entry SET position = position - 1000001 WHERE shard = " + S1 + " AND position > 1000000");
                a.rechain(S1);
                a.reanchor();
            }),
            reforged("re-forged anchor time", 1, "anchorHash", a -> a.reanchor(1, -3_600_000_000L)),
            reforged("re-forged anchor deletion, later anchors renumbered", 1, "anchorHash", a -> {
                a.sql("DELETE FROM anchor WHERE sequence = 1", "UPDATE anchor SET sequence = 1 WHERE sequence = 2");
                a.reanchor();
            }),
            // Limit: an entry no anchor covers yet is protected by nothing (uncovered=1 says so).
            Tamper.of("re-forged uncovered tail entry (limit)", verified(), a -> {
                a.sql("UPDATE ledger_entry SET " + ANOTHER_PAYLOAD + at(S0, 5));
                a.rechain(S0);
            }),
            // What no accepted event can hold is found from the database alone, however well it is re-forged.
            reforgedEvent("re-forged row with a type no event has", "event_type = 'CASE_CLOSED'", "type"),
            reforgedEvent("re-forged row with a malformed caseId of its shard",
                    "case_id = '" + TamperLedger.malformedCaseIdOf(S2) + "'", "caseId"),
            reforgedEvent("re-forged row whose payload is not a JSON object", "payload = convert_to('[1]', 'UTF8')", "payload"),
            reforgedEvent("re-forged row that occurred before 1970", "occurred_at = '1969-12-31 23:59:59+00'", "occurredAt"),
        };
    }

    private static Tamper ledger(String what, String set, long positionInS1, Tamper.Verdict verdict) {
        return Tamper.of("ledger_entry: " + what, verdict, a -> a.sql("UPDATE ledger_entry SET " + set + at(S1, positionInS1)));
    }

    private static Tamper anchorRow(String what, String set, long sequence, Tamper.Verdict verdict) {
        return Tamper.of("anchor: " + what, verdict, a -> a.sql("UPDATE anchor SET " + set + " WHERE sequence = " + sequence));
    }

    /** A database-only check cannot tell (the documented limit); the pinned key and the published anchors can. */
    private static Tamper reforged(String what, long firstChangedAnchor, String trustedKeyField, Tamper.Change change) {
        return Tamper.of(what + " (database-only limit)", verified(), change)
                .withTrustedKey(anchor(firstChangedAnchor, trustedKeyField))
                .withPublished(anchor(firstChangedAnchor, "published"));
    }

    /** S2's head re-forged to hold {@code set}, its chain and the anchors recomputed. */
    private static Tamper reforgedEvent(String what, String set, String field) {
        return Tamper.of(what, entry(S2, 3, field), a -> {
            a.sql("UPDATE ledger_entry SET " + set + at(S2, 3));
            a.rechain(S2);
            a.reanchor();
        });
    }

    private static String at(int shard, long position) {
        return " WHERE shard = " + shard + " AND position = " + position;
    }

    private static LedgerAudit.Report audit(List<PublicKey> trusted, Map<Long, byte[]> publishedAnchors) throws Exception {
        try (Connection connection = PG.connect()) {
            return new LedgerAudit(trusted, publishedAnchors, false).run(connection, PG.schema());
        }
    }

    /** Runs the {@code certeus} command line against this class's schema; returns its exit code. */
    private static int cli(String... args) {
        String[] withDatabase = Stream.concat(Stream.of(args), Stream.of("--pg-url", PG.jdbcUrl(), "--pg-user", PG.user(),
                "--schema", PG.schema())).toArray(String[]::new);
        return CerteusCli.commandLine().execute(withDatabase);
    }
}
