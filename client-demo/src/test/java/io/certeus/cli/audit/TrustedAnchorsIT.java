package io.certeus.cli.audit;

import io.certeus.core.shard.Shards;
import io.certeus.core.sign.AnchorSigning;
import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.schema.SchemaMigrator;
import io.certeus.testing.PostgresTestSupport;
import io.certeus.testing.TestEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the audit learns from outside the database. Anchors signed by the members' key, with that key
 * pinned ({@code --trusted-key}), and anchors published apart from the database ({@code --published})
 * catch what a database administrator can do and a database-only check cannot: re-forging the chain
 * and every anchor, removing the signatures, signing with a key of their own, or cutting the ledger
 * back. Entries after the newest anchor are counted, and fail with {@code --require-anchored}.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TrustedAnchorsIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private static final String CASE_ID = "SIG-000001";
    private static final int SHARD = Shards.shardOf(CASE_ID);
    private static final KeyPair OPERATOR = AnchorSigning.generate();
    private static final KeyPair INTRUDER = AnchorSigning.generate();

    @TempDir
    static Path keys;

    @BeforeAll
    static void migrate() {
        SchemaMigrator.migrate(PG.dataSource(), PG.schema());
    }

    @BeforeEach
    void writeSignedLedger() throws Exception {
        try (Connection connection = PG.connect(); Statement clear = connection.createStatement()) {
            clear.executeUpdate("DELETE FROM ledger_entry");
            clear.executeUpdate("DELETE FROM anchor");
            clear.executeUpdate("DELETE FROM anchor_signature");
        }
        writeLedger("{\"n\":1}", OPERATOR);
        assertThat(audit(OPERATOR.getPublic()).intact()).isTrue();
    }

    /** Three entries of one case and one anchor over them, through the production stores, signed with {@code signer} (or not). */
    private static void writeLedger(String middlePayload, KeyPair signer) throws Exception {
        Properties properties = PG.settings();
        if (signer != null) {
            String name = AnchorSigning.keyId(signer.getPublic()).substring(0, 12);
            Path privateFile = Files.writeString(keys.resolve(name + ".key"), AnchorSigning.pem(signer.getPrivate()), StandardCharsets.US_ASCII);
            Path publicFile = Files.writeString(keys.resolve(name + ".pub"), AnchorSigning.pem(signer.getPublic()), StandardCharsets.US_ASCII);
            properties.setProperty(PostgresSettings.ANCHOR_SIGNING_KEY_FILE, privateFile.toString());
            properties.setProperty(PostgresSettings.ANCHOR_PUBLIC_KEY_FILE, publicFile.toString());
        }
        StoredLedger.write(PostgresSettings.fromPropertiesOnly(properties), SHARD, 3, position -> TestEvents.event().caseId(CASE_ID)
                .eventId(new java.util.UUID(0x0190_0000_0000_7000L, 0x8000_0000_0000_0000L | position))
                .payload(position == 1 ? middlePayload : "{\"n\":" + position + "}")
                .ingestedAtMicros(1_767_225_600_000_000L + position).build());
    }

    /** A database administrator's rewrite: a changed payload, the chain and the anchor recomputed, stored without the key. */
    private static void reforge(KeyPair intruderKey) throws Exception {
        try (Connection connection = PG.connect(); Statement clear = connection.createStatement()) {
            clear.executeUpdate("DELETE FROM ledger_entry");
            clear.executeUpdate("DELETE FROM anchor");
        }
        writeLedger("{\"n\":666}", intruderKey);
    }

    private static LedgerAudit.Report audit(PublicKey... trusted) throws Exception {
        try (Connection connection = PG.connect()) {
            return new LedgerAudit(List.of(trusted)).run(connection, PG.schema());
        }
    }

    private static LedgerAudit.Report auditAgainst(Map<Long, byte[]> published, boolean requireAnchored) throws Exception {
        try (Connection connection = PG.connect()) {
            return new LedgerAudit(List.of(), published, requireAnchored).run(connection, PG.schema());
        }
    }

    /** The stored anchors' hashes by sequence: what {@code certeus anchors export} would publish now. */
    private static Map<Long, byte[]> publishNow() throws Exception {
        Map<Long, byte[]> published = new HashMap<>();
        try (Connection connection = PG.connect()) {
            new PostgresLedgerReader(connection, PG.schema()).anchors().forEach(a -> published.put(a.sequence(), a.anchorHash()));
        }
        assertThat(published).isNotEmpty();
        return published;
    }

    @Test
    void theLedgerExtendsWhatWasPublished() throws Exception {
        LedgerAudit.Report report = auditAgainst(publishNow(), false);
        assertThat(report.describe()).startsWith("VERIFIED").contains("published=1 (all stored, identical)").contains("uncovered=0");
    }

    @Test
    void aReforgedLedgerDiffersFromThePublishedAnchor() throws Exception {
        Map<Long, byte[]> published = publishNow();
        reforge(null);
        LedgerAudit.Report report = auditAgainst(published, false);
        assertThat(report.field()).isEqualTo("published");
        assertThat(report.describe()).contains("differs from the published one");
    }

    @Test
    void aLedgerCutBackPastAPublishedAnchorIsCaught() throws Exception {
        Map<Long, byte[]> published = publishNow();
        try (Connection connection = PG.connect(); Statement delete = connection.createStatement()) {
            delete.executeUpdate("DELETE FROM anchor");
        }
        assertThat(audit().intact()).as("a database-only check cannot tell").isTrue();
        LedgerAudit.Report report = auditAgainst(published, false);
        assertThat(report.field()).isEqualTo("published");
        assertThat(report.describe()).contains("a published anchor is not in the database");
    }

    @Test
    void entriesNoAnchorCoversAreCountedAndFailOnlyWhenRequired() throws Exception {
        try (Connection connection = PG.connect(); Statement delete = connection.createStatement()) {
            delete.executeUpdate("DELETE FROM anchor");
        }
        LedgerAudit.Report counted = auditAgainst(Map.of(), false);
        assertThat(counted.intact()).isTrue();
        assertThat(counted.uncoveredEntries()).isEqualTo(3);
        LedgerAudit.Report required = auditAgainst(Map.of(), true);
        assertThat(required.intact()).isFalse();
        assertThat(required.describe()).startsWith("UNANCHORED").contains("uncovered=3");
    }

    @Test
    void anAnchorSignedByTheTrustedKeyVerifies() throws Exception {
        LedgerAudit.Report report = audit(OPERATOR.getPublic());
        assertThat(report.describe()).startsWith("VERIFIED").contains("signed=1/1")
                .contains(AnchorSigning.keyId(OPERATOR.getPublic())).contains("(by a trusted key)");
    }

    @Test
    void withoutATrustedKeyTheSignatureIsCheckedButDoesNotProveOrigin() throws Exception {
        assertThat(audit().describe()).startsWith("VERIFIED").contains("not checked against a trusted key");
    }

    @Test
    void anAnchorSignedByAnotherKeyIsNotTrusted() throws Exception {
        LedgerAudit.Report report = audit(INTRUDER.getPublic());
        assertThat(report.intact()).isFalse();
        assertThat(report.field()).isEqualTo("signature");
        assertThat(report.describe()).contains("not signed by a trusted key");
    }

    @Test
    void aReforgedChainAndAnchorAreCaughtByTheOperatorsOldSignature() throws Exception {
        reforge(null);
        assertThat(audit().intact()).as("a database-only check cannot tell: %s", audit().describe()).isTrue();
        LedgerAudit.Report report = audit(OPERATOR.getPublic());
        assertThat(report.intact()).isFalse();
        assertThat(report.field()).isEqualTo("anchorHash");
        assertThat(report.describe()).contains("the anchor was rewritten");
    }

    @Test
    void aReforgedLedgerWhoseSignaturesWereDeletedIsUnsigned() throws Exception {
        reforge(null);
        try (Connection connection = PG.connect(); Statement delete = connection.createStatement()) {
            delete.executeUpdate("DELETE FROM anchor_signature");
        }
        LedgerAudit.Report report = audit(OPERATOR.getPublic());
        assertThat(report.field()).isEqualTo("signature");
        assertThat(report.describe()).contains("anchor is not signed");
    }

    @Test
    void aReforgedLedgerSignedWithTheIntrudersOwnKeyIsNotTrusted() throws Exception {
        try (Connection connection = PG.connect(); Statement delete = connection.createStatement()) {
            delete.executeUpdate("DELETE FROM anchor_signature");
        }
        reforge(INTRUDER);
        assertThat(audit().intact()).as("consistent on its own").isTrue();
        LedgerAudit.Report report = audit(OPERATOR.getPublic());
        assertThat(report.field()).isEqualTo("signature");
        assertThat(report.describe()).contains("not signed by a trusted key");
    }

    @Test
    void aChangedSignatureByteIsFoundEvenWithoutATrustedKey() throws Exception {
        try (Connection connection = PG.connect(); Statement update = connection.createStatement()) {
            update.executeUpdate("UPDATE anchor_signature SET signature = set_byte(signature, 0, get_byte(signature, 0) # 1)");
        }
        LedgerAudit.Report report = audit();
        assertThat(report.field()).isEqualTo("signature");
        assertThat(report.describe()).contains("does not verify with the key it names");
    }
}
