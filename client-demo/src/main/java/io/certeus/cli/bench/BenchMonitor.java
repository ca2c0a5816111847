package io.certeus.cli.bench;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Once a second by the clock, from the measured start until {@link #close}: drains the latency
 * recorders, keeps a {@link SecondSample}, prints one status line with the real time since the start,
 * and lets the {@link StepJudge} judge the steps that are due. It never asks the grid itself: the
 * backlog is the {@link BacklogSampler}'s latest reading, its age shown when older than
 * {@link #STALE_READING_NS}. A tick that runs late is not repeated; the next one follows a second later.
 *
 * <p>Thread-safe: ticks on its own thread; {@link #loadEnded} from any thread; {@link #samples} and
 * {@link #steps} after {@link #close}.
 */
public final class BenchMonitor implements AutoCloseable {
    static final long TICK_NS = TimeUnit.SECONDS.toNanos(1);
    /** A backlog reading older than this is shown with its age, nanoseconds. */
    static final long STALE_READING_NS = TimeUnit.SECONDS.toNanos(2);

    /**
     * The run's totals the status line shows.
     *
     * <p>Thread-safe: read from the monitor thread while the load runs.
     */
    public interface Counters {
        long sent();

        long acked();

        long refusals();

        long chainedSamples();

        long durableSamples();
    }

    private final Counters counters;
    private final LatencyRecorder ack;
    private final LatencyRecorder chained;
    private final LatencyRecorder durable;
    private final BacklogSampler backlog;
    private final StepJudge judge;
    private final int sampleEvery;
    private final PrintStream status;
    private final LongSupplier clockNs;
    private final long startNs;
    private final List<SecondSample> samples = new ArrayList<>();
    private Thread thread;
    private volatile boolean running = true;
    private volatile boolean loadEnded;
    private long lastTickNs;
    private long lastSent;
    private long lastAcked;
    private long lastChained;
    private long lastRefusals;

    public BenchMonitor(Counters counters, LatencyRecorder ack, LatencyRecorder chained, LatencyRecorder durable,
            BacklogSampler backlog, StepJudge judge, int sampleEvery, PrintStream status, LongSupplier clockNs) {
        this.counters = counters;
        this.ack = ack;
        this.chained = chained;
        this.durable = durable;
        this.backlog = backlog;
        this.judge = judge;
        this.sampleEvery = sampleEvery;
        this.status = status;
        this.clockNs = clockNs;
        this.startNs = judge.loadStartNs();
        this.lastTickNs = startNs;
    }

    /** Takes the counters' current values as the start and ticks from the judge's measured start plus 1 s. */
    public void start() {
        lastSent = counters.sent();
        lastAcked = counters.acked();
        lastChained = counters.chainedSamples();
        lastRefusals = counters.refusals();
        thread = new Thread(this::run, "certeus-bench-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    /** The load sent its last event: from now on the target rate is 0 and no step it did not fully send is judged. */
    public void loadEnded() {
        loadEnded = true;
    }

    private void run() {
        long dueNs = startNs + TICK_NS;
        while (running) {
            long waitNs;
            while (running && (waitNs = dueNs - clockNs.getAsLong()) > 0) {
                LockSupport.parkNanos(this, waitNs);
            }
            if (!running) {
                return;
            }
            long nowNs = clockNs.getAsLong();
            tick(nowNs);
            dueNs = Math.max(dueNs + TICK_NS, nowNs + TICK_NS / 2);
        }
    }

    /** One status line and the steps due at {@code nowNs}. Monitor thread (or a test) only. */
    void tick(long nowNs) {
        long sent = counters.sent();
        long acked = counters.acked();
        long chainedDone = counters.chainedSamples();
        long refusals = counters.refusals();
        Histogram ackInterval = ack.drainInterval();
        Histogram chainedInterval = chained.drainInterval();
        Histogram durableInterval = durable.drainInterval();
        BacklogSampler.Reading reading = backlog.latest();
        boolean ended = loadEnded;
        long rate = judge.targetRateAt(nowNs, ended);
        judge.observe(reading);
        List<StepOutcome> verdicts = judge.judgeDue(nowNs, ended);

        double intervalS = Math.max(1e-3, (nowNs - lastTickNs) / 1e9);
        SecondSample sample = new SecondSample((nowNs - startNs) / 1e9, rate, perS(sent - lastSent, intervalS),
                perS(acked - lastAcked, intervalS), perS((chainedDone - lastChained) * sampleEvery, intervalS),
                refusals - lastRefusals, LatencyRecorder.percentileMs(ackInterval, 50),
                LatencyRecorder.percentileMs(ackInterval, 99), LatencyRecorder.maxMs(ackInterval),
                LatencyRecorder.percentileMs(chainedInterval, 99), LatencyRecorder.percentileMs(durableInterval, 99),
                reading == null ? -1 : reading.ingestPending, reading == null ? -1 : reading.writeBehindDirty);
        synchronized (samples) {
            samples.add(sample);
        }
        lastTickNs = nowNs;
        lastSent = sent;
        lastAcked = acked;
        lastChained = chainedDone;
        lastRefusals = refusals;
        status.printf("bench: t=%.1fs rate=%d sent=%d acked=%d refusals=%d chained_samples=%d durable_samples=%d %s "
                        + "ack_p99_ms=%.1f%n", sample.secondsSinceStart, rate, sent, acked, refusals, chainedDone,
                counters.durableSamples(), backlogText(reading, nowNs), sample.ackP99Ms);
        print(verdicts);
    }

    private static String backlogText(BacklogSampler.Reading reading, long nowNs) {
        if (reading == null) {
            return "pending=n/a dirty=n/a";
        }
        String values = "pending=" + reading.ingestPending + " dirty=" + reading.writeBehindDirty;
        long ageNs = nowNs - reading.startedNs;
        return ageNs > STALE_READING_NS ? values + String.format(" probe_age_s=%.1f", ageNs / 1e9) : values;
    }

    private void print(List<StepOutcome> verdicts) {
        for (StepOutcome s : verdicts) {
            status.printf("bench: step=%d rate=%d sent=%d unanswered=%d ack_p99_ms=%.1f judged_at=%.1fs %s%n", s.step,
                    s.ratePerS, s.sent, s.unansweredAtJudgment, s.ackP99Ms, s.judgedAtS,
                    s.passed() ? "PASSED" : "FAILED: " + s.failure);
        }
    }

    private static long perS(long count, double seconds) {
        return Math.round(count / seconds);
    }

    public List<SecondSample> samples() {
        synchronized (samples) {
            return new ArrayList<>(samples);
        }
    }

    /** The verdicts, oldest first. After {@link #close}. */
    public List<StepOutcome> steps() {
        return judge.outcomes();
    }

    /**
     * Stops ticking; once the load has ended, judges the steps now due (every answer being in, a step
     * need not wait for its grace); drains what the recorders still hold into their totals.
     */
    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            thread.join();
        }
        if (loadEnded) {
            judge.observe(backlog.latest());
            print(judge.judgeDue(clockNs.getAsLong(), true));
        }
        ack.drainInterval();
        chained.drainInterval();
        durable.drainInterval();
    }
}
