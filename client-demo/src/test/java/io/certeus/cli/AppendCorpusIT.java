package io.certeus.cli;

import io.certeus.testing.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated corpus (every malformed class, valid lines interleaved) through {@code certeus append}
 * into a real grid: the malformed lines are refused, every valid line is stored exactly once with
 * the exact payload bytes it was sent with, and the ledger then verifies.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AppendCorpusIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    @TempDir
    Path dir;

    @Test
    void validLinesAreStoredOnceWithTheirExactBytesAndMalformedOnesAreRefused() throws Exception {
        MalformedCorpus corpus = MalformedCorpus.generate(7L, 1_200, 6, false);
        Path file = dir.resolve("corpus.jsonl");
        Files.write(file, corpus.bytes());
        try (LedgerGridFixture fixture = new LedgerGridFixture(PG, 1, 5831)) {
            CliRun run = CliRun.run(fixture.gridArgs(), "append", file.toString());
            assertThat(run.exitCode).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.err).contains("appended " + corpus.stored().size() + " event(s), refused " + corpus.refused().size()
                    + " line(s)");
            fixture.awaitPersisted(corpus.stored().size());

            Map<UUID, byte[]> payloads = new HashMap<>();
            try (Connection connection = PG.connect();
                 PreparedStatement select = connection.prepareStatement("SELECT event_id, payload FROM ledger_entry");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    UUID eventId = rows.getObject(1, UUID.class);
                    assertThat(payloads.put(eventId, rows.getBytes(2))).as("eventId %s stored once", eventId).isNull();
                }
            }
            assertThat(payloads).hasSize(corpus.stored().size());
            corpus.stored().values().forEach(valid -> assertThat(payloads.get(valid.eventId))
                    .as("payload of %s", valid.kind).isEqualTo(valid.payload));
            assertThat(CliRun.run(fixture.postgresArgs(), "verify").exitCode).isEqualTo(ExitCodes.OK);
        }
    }
}
