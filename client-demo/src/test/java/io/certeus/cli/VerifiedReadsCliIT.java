package io.certeus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.map.IMap;
import io.certeus.core.MapNames;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.testing.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code receipt --verify} and {@code history --verify} against a real grid with the ledger job: trust
 * from a published export or a pinned anchor, a wrong pin refused, and an entry changed in the grid's
 * ledger map refused with its field.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class VerifiedReadsCliIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private static final int EVENTS = 12;
    private static final String CASE = "VCL-000001";

    @TempDir
    Path dir;

    @Test
    void verifiedReceiptAndHistoryFromPublishedAnchorsAndRefusalsOfWhatDoesNotVerify() throws Exception {
        try (LedgerGridFixture fixture = new LedgerGridFixture(PG, 1, 5861)) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                lines.add("{\"caseId\":\"" + (i % 2 == 0 ? CASE : "VCL-000002") + "\",\"type\":\"CASE_UPDATED\",\"actor\":\"clerk\","
                        + "\"payload\":{\"step\":" + i + "},\"occurredAt\":\"2026-03-01T10:00:00Z\"}");
            }
            Path events = dir.resolve("events.jsonl");
            Files.write(events, lines, StandardCharsets.UTF_8);
            CliRun append = CliRun.run(fixture.gridArgs(), "append", events.toString(), "--print-ids");
            assertThat(append.exitCode).as(append.err).isEqualTo(ExitCodes.OK);
            List<String> ids = append.out.lines().map(line -> line.split(" ")[0]).toList();
            fixture.awaitPersisted(EVENTS);

            Path anchors = dir.resolve("published.json");
            assertThat(CliRun.run(fixture.postgresArgs(), "anchors", "export", "-o", anchors.toString()).exitCode).isEqualTo(ExitCodes.OK);
            JsonNode first = new ObjectMapper().readTree(anchors.toFile()).get("anchors").get(0);
            String pinned = first.get("sequence").asLong() + ":" + first.get("anchorHash").asText();

            long published = new ObjectMapper().readTree(anchors.toFile()).get("anchors").size() - 1;

            // An event appended after the export is anchored later: the client advances over the newer anchors, checking each.
            Path later = dir.resolve("later.jsonl");
            Files.write(later, List.of(lines.get(0).replace("\"step\":0", "\"step\":100")), StandardCharsets.UTF_8);
            CliRun appendLater = CliRun.run(fixture.gridArgs(), "append", later.toString(), "--print-ids");
            assertThat(appendLater.exitCode).as(appendLater.err).isEqualTo(ExitCodes.OK);
            String laterId = appendLater.out.lines().findFirst().orElseThrow().split(" ")[0];
            CliRun receipt = CliRun.run(fixture.gridArgs(), "receipt", laterId, "--verify", "--anchors", anchors.toString());
            assertThat(receipt.exitCode).as(receipt.err).isEqualTo(ExitCodes.OK);
            JsonNode verified = new ObjectMapper().readTree(receipt.out);
            assertThat(verified.get("eventId").asText()).isEqualTo(laterId);
            assertThat(verified.get("verifiedAgainstAnchor").asLong()).as("newer than the export's newest").isGreaterThan(published);
            assertThat(receipt.err).contains("VERIFIED eventId=" + laterId)
                    .contains("trusted anchor now " + verified.get("verifiedAgainstAnchor").asLong() + ":");

            CliRun history = CliRun.run(fixture.gridArgs(), "history", CASE, "--verify", "--trusted-anchor", pinned,
                    "--require-anchored");
            assertThat(history.exitCode).as(history.err).isEqualTo(ExitCodes.OK);
            int caseEntries = EVENTS / 2 + 1;
            assertThat(history.out.lines()).hasSize(caseEntries).allSatisfy(line -> assertThat(line).contains("\"anchored\":true"));
            assertThat(history.err).contains("VERIFIED " + caseEntries + " of " + caseEntries + " entries for caseId=" + CASE);

            CliRun wrongPin = CliRun.run(fixture.gridArgs(), "receipt", ids.get(4), "--verify", "--trusted-anchor",
                    first.get("sequence").asLong() + ":" + "00".repeat(32));
            assertThat(wrongPin.exitCode).isEqualTo(ExitCodes.VERIFICATION_FAILED);
            assertThat(wrongPin.out).startsWith("INVALID: ").contains("field=anchorHash");

            assertThat(CliRun.run(fixture.gridArgs(), "receipt", ids.get(4), "--trusted-anchor", pinned).exitCode)
                    .as("a trust option without --verify").isEqualTo(ExitCodes.USAGE);
            assertThat(CliRun.run(fixture.gridArgs(), "receipt", ids.get(4), "--verify").exitCode)
                    .as("--verify without a starting anchor").isEqualTo(ExitCodes.USAGE);

            // Someone on the cluster network changes an entry's payload in the grid, keeping its hash.
            IMap<LedgerKey, LedgerEntry> ledger = fixture.grid().anyMember().getMap(MapNames.LEDGER);
            LedgerEntry victim = ledger.values().stream()
                    .filter(entry -> entry.event().eventId().toString().equals(ids.get(4))).findFirst().orElseThrow();
            Event e = victim.event();
            Event changed = new Event(e.eventId(), e.caseId(), e.type(), e.actor(), e.sourceIp(), e.documentHash(),
                    "{\"step\":999}".getBytes(StandardCharsets.UTF_8), e.occurredAtMicros(), e.ingestedAtMicros());
            ledger.put(new LedgerKey(victim.shard(), victim.position()),
                    new LedgerEntry(changed, victim.shard(), victim.position(), victim.prevHash(), victim.hash()));
            CliRun tampered = CliRun.run(fixture.gridArgs(), "receipt", ids.get(4), "--verify", "--trusted-anchor", pinned);
            assertThat(tampered.exitCode).as(tampered.out + tampered.err).isEqualTo(ExitCodes.VERIFICATION_FAILED);
            assertThat(tampered.out).contains("field=hash").contains("position=" + victim.position());
            CliRun tamperedHistory = CliRun.run(fixture.gridArgs(), "history", CASE, "--verify", "--trusted-anchor", pinned);
            assertThat(tamperedHistory.exitCode).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        }
    }
}
