package io.certeus.cli;

import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;
import io.certeus.testing.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code certeus append -} appends each line as it arrives: an event written to a pipe that stays
 * open is chained before the pipe is closed (a stream such as {@code tail -f} is appended as it
 * comes, not when it ends).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AppendStreamIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private static String line(UUID eventId, int n) {
        return "{\"eventId\":\"" + eventId + "\",\"caseId\":\"STR-00000" + n + "\",\"type\":\"CASE_UPDATED\",\"actor\":\"clerk\","
                + "\"payload\":{\"n\":" + n + "},\"occurredAt\":\"2026-11-29T08:00:00Z\"}\n";
    }

    @Test
    void aLineIsAppendedWhileTheStreamIsStillOpen() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        InputStream originalIn = System.in;
        try (LedgerGridFixture fixture = new LedgerGridFixture(PG, 1, 5841);
             PipedOutputStream pipe = new PipedOutputStream();
             PipedInputStream stdin = new PipedInputStream(pipe, 1 << 16);
             CerteusClient reader = CerteusClient.connect(fixture.clientConfig(), ClientSettings.defaults())) {
            System.setIn(stdin);
            CompletableFuture<CliRun> append = CompletableFuture.supplyAsync(() -> CliRun.run(fixture.gridArgs(), "append", "-", "--print-ids"));
            pipe.write(line(first, 1).getBytes(StandardCharsets.UTF_8));
            pipe.flush();

            // Chained (receipt from the ledger) while the stream is open: nothing waited for its end.
            assertThat(reader.receipt(first).get(60, TimeUnit.SECONDS).eventId()).isEqualTo(first);
            assertThat(append).isNotDone();

            pipe.write(line(second, 2).getBytes(StandardCharsets.UTF_8));
            pipe.close();
            CliRun run = append.get(90, TimeUnit.SECONDS);
            assertThat(run.exitCode).isEqualTo(ExitCodes.OK);
            assertThat(run.out).contains(first + " STR-000001 GRID").contains(second + " STR-000002 GRID");
        } finally {
            System.setIn(originalIn);
        }
    }
}
