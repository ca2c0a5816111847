package io.certeus.cli.top;

import io.certeus.cli.CerteusCli;
import io.certeus.client.CerteusClient;
import io.certeus.member.internal.counters.CerteusCounter;
import io.certeus.member.internal.counters.CountersFileReader;
import io.certeus.member.internal.counters.CountersLayout;
import io.certeus.member.internal.counters.CountersSettings;
import io.certeus.member.internal.counters.CountersSnapshot;
import io.certeus.pipeline.LedgerJobs;
import io.certeus.pipeline.PipelineSettings;
import io.certeus.testing.Await;
import io.certeus.testing.TestEvents;
import io.certeus.testing.TestGridWithClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code certeus top --once} against a live one-member grid: the member writes its counters file,
 * top reads it with no connection to the grid and shows the member with the events it appended and
 * chained; the file goes when the member stops.
 */
class TopCommandIT {
    private static final int EVENTS = 60;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void topShowsTheLiveMembersAppendedAndChainedEventsFromItsCountersFile() throws Exception {
        String memberName;
        try (TestGridWithClient grid = new TestGridWithClient("top", Map.of(CountersSettings.DIR, dir.toString()))) {
            memberName = grid.member().getName();
            LedgerJobs.startIfAbsent(grid.member(), PipelineSettings.builder().autostart(false).snapshotIntervalMs(500)
                    .anchorIntervalMs(500).build());
            append(grid.certeus());
            Await.until("the counters file shows every event chained and an anchor", Duration.ofSeconds(60), () -> {
                List<CountersSnapshot> files = CountersFileReader.readDirectory(dir).snapshots();
                return files.size() == 1 && files.get(0).value(CerteusCounter.EVENTS_CHAINED) >= EVENTS
                        && files.get(0).value(CerteusCounter.NEWEST_ANCHOR) >= 0;
            }, () -> CountersFileReader.readDirectory(dir).snapshots().toString());

            StringWriter out = new StringWriter();
            int exit = CerteusCli.commandLine().setOut(new PrintWriter(out)).execute("top", "--once", "--interval", "1.2",
                    "--dir", dir.toString());
            String frame = out.toString();
            System.out.println(frame);

            assertThat(exit).isZero();
            assertThat(frame).doesNotContain("\u001b[").contains("members=1 (alive=1, stale=0)");
            String totals = line(frame, "SINCE START", memberName);
            assertThat(totals).as("appended and chained since start").matches(memberName + " +\\d[\\d,]* +\\d[\\d,]* .*");
            assertThat(number(totals, 1)).isGreaterThanOrEqualTo(EVENTS);
            assertThat(number(totals, 2)).isGreaterThanOrEqualTo(EVENTS);
            assertThat(line(frame, "MEMBER", memberName)).contains(" alive ");
            assertThat(line(frame, "STATE", memberName)).as("majority, job running").endsWith(" yes         yes");
        }
        assertThat(CountersFileReader.readDirectory(dir).snapshots()).as("file removed at shutdown").isEmpty();
        assertThat(dir.toFile().list((d, name) -> name.endsWith(CountersLayout.FILE_SUFFIX))).isEmpty();
    }

    private static void append(CerteusClient certeus) throws Exception {
        List<CompletableFuture<?>> appends = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            appends.add(certeus.append(TestEvents.newUpdate(String.format("TOP-%06d", i))));
        }
        CompletableFuture.allOf(appends.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
    }

    /** The member's line in the table whose heading line starts with {@code heading}. */
    private static String line(String frame, String heading, String member) {
        List<String> lines = frame.lines().toList();
        int table = 0;
        while (table < lines.size() && !lines.get(table).startsWith(heading + " ")) {
            table++;
        }
        return lines.subList(Math.min(table, lines.size()), lines.size()).stream().filter(l -> l.startsWith(member + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no line for " + member + " under " + heading + " in:\n" + frame));
    }

    private static long number(String line, int column) {
        return Long.parseLong(line.trim().split(" +")[column].replace(",", ""));
    }
}
