package io.certeus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certeus.testing.PostgresTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI against a real grid and PostgreSQL: append, verify, tamper with one byte in SQL and see
 * the damage located; proofs verified offline and forged ones refused.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class CliEndToEndIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private static final int EVENTS = 30;

    @TempDir
    static Path dir;

    private static LedgerGridFixture fixture;
    /** The one {@code certeus append} of this class's ledger: {@value #EVENTS} valid lines and two invalid ones. */
    private static CliRun append;
    private static final List<String> eventIds = new ArrayList<>();

    /** One ledger for every test: appended through the CLI and persisted before any test runs; no test leaves it changed. */
    @BeforeAll
    static void startGridAndAppendLedger() throws Exception {
        fixture = new LedgerGridFixture(PG, 2, 5811);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            lines.add("{\"caseId\":\"CIV-00000" + (i % 3) + "\",\"type\":\"CASE_UPDATED\",\"actor\":\"clerk\","
                    + "\"payload\":{\"step\": " + i + ", \"note\":\"naïve\"},\"occurredAt\":\"2026-03-01T10:00:00Z\"}");
        }
        lines.add(5, "{\"caseId\":\"CIV-000001\",\"type\":\"CASE_DELETED\",\"actor\":\"clerk\",\"payload\":{}}");
        lines.add(9, "not json");
        Path file = dir.resolve("events.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);

        append = CliRun.run(fixture.gridArgs(), "append", file.toString(), "--print-ids");
        append.out.lines().forEach(line -> eventIds.add(line.split(" ")[0]));
        assertThat(eventIds).as("ids printed by append: %s", append.err).hasSize(EVENTS);
        fixture.awaitPersisted(EVENTS);
    }

    @AfterAll
    static void stopGrid() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void appendReportsInvalidLinesAndAppendsTheValidOnes() {
        assertThat(append.exitCode).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(append.err).contains("line 6: UNKNOWN_TYPE: unknown event type: type=\"CASE_DELETED\"")
                .contains("line 10: MALFORMED: line is not valid JSON")
                .contains("appended 30 event(s), refused 2 line(s)");
        assertThat(eventIds).hasSize(EVENTS);
    }

    @Test
    void verifySucceedsOnAnIntactLedger() {
        CliRun run = CliRun.run(fixture.postgresArgs(), "verify");
        assertThat(run.exitCode).isEqualTo(ExitCodes.OK);
        assertThat(run.out).contains("VERIFIED: entries=" + EVENTS);
    }

    @Test
    void proofVerifiesOfflineAndAForgedOneIsRefused() throws Exception {
        Path proofFile = dir.resolve("proof.json");
        CliRun get = CliRun.run(fixture.gridArgs(), "proof", "get", eventIds.get(7), "-o", proofFile.toString());
        assertThat(get.exitCode).isEqualTo(ExitCodes.OK);

        CliRun unanchored = CliRun.run("proof", "verify", proofFile.toString());
        assertThat(unanchored.exitCode).isEqualTo(ExitCodes.PROOF_NOT_ANCHORED);

        long proofAnchor = json().readTree(proofFile.toFile()).get("anchor").get("sequence").asLong();
        com.hazelcast.test.HazelcastTestSupport.assertTrueEventually(() -> {
            fixture.grid().flush();
            assertThat(fixture.count("SELECT coalesce(max(sequence), -1) FROM anchor")).isGreaterThanOrEqualTo(proofAnchor);
        }, 60);
        Path anchors = dir.resolve("published-anchors.json");
        assertThat(CliRun.run(fixture.postgresArgs(), "anchors", "export", "-o", anchors.toString()).exitCode).isEqualTo(ExitCodes.OK);
        CliRun verify = CliRun.run("proof", "verify", proofFile.toString(), "--anchors", anchors.toString());
        assertThat(verify.exitCode).isEqualTo(ExitCodes.OK);
        assertThat(verify.out).startsWith("VALID: eventId=" + eventIds.get(7));

        ObjectMapper json = new ObjectMapper();
        JsonNode proof = json.readTree(proofFile.toFile());
        ObjectNode first = (ObjectNode) proof.get("segment").get(0);
        String payloadHex = first.get("payloadHex").asText();
        String forgedHex = payloadHex.substring(0, payloadHex.length() - 4) + "397d"; // one byte changed
        first.put("payloadHex", forgedHex);
        first.put("payload", new String(io.certeus.core.hash.Hashes.fromHex(forgedHex), StandardCharsets.UTF_8)); // text kept in step
        Path forged = dir.resolve("forged.json");
        json.writeValue(forged.toFile(), proof);
        CliRun refused = CliRun.run("proof", "verify", forged.toString(), "--anchors", anchors.toString());
        assertThat(refused.exitCode).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(refused.out).startsWith("INVALID: entry hash does not recompute");
    }

    private static ObjectMapper json() {
        return new ObjectMapper();
    }

    @Test
    void verifyLocatesOneAlteredByteInOneRow() throws Exception {
        long shard = fixture.count("SELECT shard FROM ledger_entry ORDER BY shard, position LIMIT 1");
        flipPayloadBit((int) shard, 1);
        try {
            CliRun run = CliRun.run(fixture.postgresArgs(), "verify");
            assertThat(run.exitCode).isEqualTo(ExitCodes.VERIFICATION_FAILED);
            assertThat(run.out).contains("DAMAGED: shard=" + shard + " position=1 field=payload");
        } finally {
            flipPayloadBit((int) shard, 1); // the same flip again restores the row for the other tests
        }
    }

    /** Flips the lowest bit of the fourth payload byte of one row, in SQL behind the grid's back. */
    private static void flipPayloadBit(int shard, long position) throws Exception {
        try (Connection connection = PG.connect();
             PreparedStatement alter = connection.prepareStatement(
                     "UPDATE ledger_entry SET payload = set_byte(payload, 3, get_byte(payload, 3) # 1) "
                             + "WHERE shard = ? AND position = ?")) {
            alter.setInt(1, shard);
            alter.setLong(2, position);
            assertThat(alter.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void historyPrintsTheCaseInChainOrder() throws Exception {
        CliRun run = CliRun.run(fixture.gridArgs(), "history", "CIV-000002");
        assertThat(run.exitCode).isEqualTo(ExitCodes.OK);
        ObjectMapper json = new ObjectMapper();
        List<Long> positions = new ArrayList<>();
        for (String line : run.out.lines().toList()) {
            JsonNode entry = json.readTree(line);
            assertThat(entry.get("caseId").asText()).isEqualTo("CIV-000002");
            positions.add(entry.get("position").asLong());
        }
        assertThat(positions).hasSize(EVENTS / 3).isSorted();
    }

    @Test
    void anchorsExportWritesTheChainOfAnchors() throws Exception {
        Path out = dir.resolve("anchors.json");
        CliRun run = CliRun.run(fixture.postgresArgs(), "anchors", "export", "-o", out.toString());
        assertThat(run.exitCode).isEqualTo(ExitCodes.OK);
        JsonNode anchors = new ObjectMapper().readTree(out.toFile()).get("anchors");
        assertThat(anchors.size()).isGreaterThanOrEqualTo(1);
        for (int i = 1; i < anchors.size(); i++) {
            assertThat(anchors.get(i).get("prevAnchorHash")).isEqualTo(anchors.get(i - 1).get("anchorHash"));
        }
    }
}
