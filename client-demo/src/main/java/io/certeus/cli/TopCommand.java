package io.certeus.cli;

import io.certeus.cli.top.RateWindow;
import io.certeus.cli.top.TopFrame;
import io.certeus.cli.top.TopRenderer;
import io.certeus.core.settings.SettingsSource;
import io.certeus.member.internal.counters.CountersFileReader;
import io.certeus.member.internal.counters.CountersSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code certeus top}: a live view of the members' counters files, like AeronStat: reads the
 * memory-mapped files the members on this host keep in {@code certeus.counters.dir}, with no
 * connection to the grid, and redraws one screen in place every interval.
 *
 * <p>Not thread-safe: one command line per run.
 */
@Command(name = "top", mixinStandardHelpOptions = true,
        description = {"Live view of the members on this host from their counters files (no grid connection): per-member "
                + "stage rates, totals, ingest lag, refusals, write-behind backlog, durable watermark lag, newest anchor, "
                + "cluster view, job status. Redraws in place until interrupted (Ctrl-C).",
            "Members write the files to certeus.counters.dir (default ${java.io.tmpdir}/certeus-counters); docs/OPERATIONS.md."})
public final class TopCommand implements Callable<Integer> {
    /** Clear the screen and move home: each frame replaces the previous one. */
    static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";

    @Option(names = "--dir", paramLabel = "DIR", description = "Directory of the counters files (default: certeus.counters.dir "
            + "from -D or CERTEUS_COUNTERS_DIR, else ${java.io.tmpdir}/certeus-counters).")
    Path directory;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
            description = "Seconds between frames, and for --once between the two reads that give the rates (default: ${DEFAULT-VALUE}).")
    double intervalSeconds;

    @Option(names = "--once", description = "Print one frame without terminal codes, then exit (for scripts); "
            + "reads twice, one interval apart, so the frame has rates.")
    boolean once;

    @Option(names = "--iterations", paramLabel = "N", description = "Stop after N frames (default: until interrupted).")
    int iterations;

    @Option(names = "--stale-after", paramLabel = "SECONDS", defaultValue = "5",
            description = "Call a member stale when its heartbeat is older than this (default: ${DEFAULT-VALUE}).")
    double staleAfterSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (!(intervalSeconds > 0) || intervalSeconds > 3_600) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--interval must be in (0, 3600] seconds: interval="
                    + intervalSeconds);
        }
        if (iterations < 0 || !(staleAfterSeconds > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--iterations must not be negative and --stale-after "
                    + "must be positive: iterations=" + iterations + ", staleAfter=" + staleAfterSeconds);
        }
        Path dir = directory != null ? directory : CountersSettings.directory(SettingsSource.system());
        long intervalMs = Math.max(1, Math.round(intervalSeconds * 1000));
        RateWindow window = new RateWindow(Math.round(staleAfterSeconds * 1000));
        PrintWriter out = spec.commandLine().getOut();
        if (once) {
            frame(dir, window); // first read: the base of the rates
            Thread.sleep(intervalMs);
            out.print(TopRenderer.render(frame(dir, window)));
            out.flush();
            return ExitCodes.OK;
        }
        for (int shown = 0; iterations == 0 || shown < iterations; shown++) {
            if (shown > 0) {
                Thread.sleep(intervalMs); // the refresh period the user asked for
            }
            out.print(CLEAR_SCREEN + TopRenderer.render(frame(dir, window)));
            out.flush();
        }
        return ExitCodes.OK;
    }

    private static TopFrame frame(Path dir, RateWindow window) {
        CountersFileReader.DirectoryContents contents = CountersFileReader.readDirectory(dir);
        long nowMs = System.currentTimeMillis();
        return new TopFrame(dir, nowMs, window.update(contents.snapshots(), nowMs), contents.unreadable());
    }
}
