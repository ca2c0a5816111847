package io.certeus.cli.bench;

import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Once a second, from the load's start until {@link #close}: drains the latency recorders, asks the
 * grid for its backlog, keeps a {@link SecondSample}, prints one status line, and at the end of every
 * step (or fixed-rate window) judges it with the {@link StepRule}; in step mode a failed step stops the
 * load. A step's latency is what completed during its seconds.
 *
 * <p>Thread-safe: runs on its own thread; {@link #samples} and {@link #steps} after {@link #close}.
 */
public final class BenchMonitor implements AutoCloseable {
    private static final long TICK_NS = TimeUnit.SECONDS.toNanos(1);

    private final OpenLoopLoad load;
    private final RefusedAppendRetry appender;
    private final ChainedSampler chainedSampler;
    private final DurableProbe durableProbe;
    private final LatencyRecorder ack;
    private final LatencyRecorder chained;
    private final LatencyRecorder durable;
    private final GridProbe grid;
    private final RateSchedule plan;
    private final StepRule rule;
    private final int stepSeconds;
    private final boolean stepMode;
    private final int sampleEvery;
    private final PrintStream status;
    private final List<SecondSample> samples = new ArrayList<>();
    private final List<StepOutcome> steps = new ArrayList<>();
    private final Histogram stepAck = new Histogram(LatencyRecorder.HIGHEST_US, 3);
    private Thread thread;
    private volatile boolean running = true;
    private volatile long loadEndOffsetNs = Long.MAX_VALUE;
    private long startNs;
    private long lastSent;
    private long lastAcked;
    private long lastChained;
    private long lastRefusals;
    private long stepSentStart;
    private long stepRefusalsStart;
    private long backlogAtMid = -1;

    public BenchMonitor(OpenLoopLoad load, RefusedAppendRetry appender, ChainedSampler chainedSampler, DurableProbe durableProbe,
            LatencyRecorder ack, LatencyRecorder chained, LatencyRecorder durable, GridProbe grid, RateSchedule plan,
            StepRule rule, int stepSeconds, boolean stepMode, int sampleEvery, PrintStream status) {
        this.load = load;
        this.appender = appender;
        this.chainedSampler = chainedSampler;
        this.durableProbe = durableProbe;
        this.ack = ack;
        this.chained = chained;
        this.durable = durable;
        this.grid = grid;
        this.plan = plan;
        this.rule = rule;
        this.stepSeconds = stepSeconds;
        this.stepMode = stepMode;
        this.sampleEvery = sampleEvery;
        this.status = status;
    }

    /** Starts ticking at {@code loadStartNs + 1 s}. */
    public void start(long loadStartNs) {
        this.startNs = loadStartNs;
        this.lastSent = load.sent();
        this.lastAcked = load.acked();
        this.lastChained = chainedSampler.completed();
        this.lastRefusals = appender.refusals();
        this.stepSentStart = lastSent;
        this.stepRefusalsStart = lastRefusals;
        thread = new Thread(this::run, "certeus-bench-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The load sent its last event; {@code sentUntilOffsetNs} (after the measured start) is where its
     * plan ended. Seconds after it are sampled but not judged, so a step cut short is never judged.
     */
    public void loadEnded(long sentUntilOffsetNs) {
        loadEndOffsetNs = sentUntilOffsetNs;
    }

    private void run() {
        for (int tick = 1; running; tick++) {
            long dueNs = startNs + tick * TICK_NS;
            long waitNs;
            while (running && (waitNs = dueNs - System.nanoTime()) > 0) {
                LockSupport.parkNanos(waitNs);
            }
            if (!running) {
                return;
            }
            tick(tick);
        }
    }

    private void tick(int tick) {
        long sent = load.sent();
        long acked = load.acked();
        long chainedDone = chainedSampler.completed();
        long refusals = appender.refusals();
        Histogram ackInterval = ack.drainInterval();
        Histogram chainedInterval = chained.drainInterval();
        Histogram durableInterval = durable.drainInterval();
        long pending = grid.ingestPending();
        long dirty = grid.writeBehindDirty();
        int step = plan.stepAt((tick - 1) * TICK_NS);
        boolean loading = tick * TICK_NS <= loadEndOffsetNs;
        long rate = loading ? plan.rateOfStep(step) : 0;
        SecondSample sample = new SecondSample(tick, rate, sent - lastSent, acked - lastAcked,
                (chainedDone - lastChained) * sampleEvery, refusals - lastRefusals,
                LatencyRecorder.percentileMs(ackInterval, 50), LatencyRecorder.percentileMs(ackInterval, 99),
                LatencyRecorder.maxMs(ackInterval), LatencyRecorder.percentileMs(chainedInterval, 99),
                LatencyRecorder.percentileMs(durableInterval, 99), pending, dirty);
        synchronized (samples) {
            samples.add(sample);
        }
        lastSent = sent;
        lastAcked = acked;
        lastChained = chainedDone;
        lastRefusals = refusals;
        status.printf("bench: t=%ds rate=%d sent=%d acked=%d refusals=%d chained_samples=%d durable_samples=%d "
                        + "pending=%d dirty=%d ack_p99_ms=%.1f%n", tick, rate, sent, acked, refusals, chainedDone,
                durableProbe.completed(), pending, dirty, sample.ackP99Ms);
        if (loading) {
            judgeStep(tick, step, sample, ackInterval, sent, refusals);
        }
    }

    private void judgeStep(int tick, int step, SecondSample sample, Histogram ackInterval, long sent, long refusals) {
        stepAck.add(ackInterval);
        int secondInStep = tick - step * stepSeconds;
        if (secondInStep == Math.max(1, stepSeconds / 2)) {
            backlogAtMid = sample.backlog();
        }
        if (secondInStep < stepSeconds) {
            return;
        }
        StepRule.StepMeasure measure = new StepRule.StepMeasure(plan.rateOfStep(step), sent - stepSentStart,
                refusals - stepRefusalsStart, LatencyRecorder.percentileMs(stepAck, 99), backlogAtMid, sample.backlog());
        String failure = rule.failure(measure);
        StepOutcome outcome = new StepOutcome(step, measure, sent - stepSentStart, failure);
        synchronized (steps) {
            steps.add(outcome);
        }
        status.printf("bench: step=%d rate=%d %s%n", step, outcome.ratePerS, failure == null ? "PASSED" : "FAILED: " + failure);
        if (failure != null && stepMode) {
            load.requestStop("step failed: step=" + step + ", ratePerS=" + outcome.ratePerS + ": " + failure);
        }
        stepAck.reset();
        stepSentStart = sent;
        stepRefusalsStart = refusals;
        backlogAtMid = -1;
    }

    public List<SecondSample> samples() {
        synchronized (samples) {
            return new ArrayList<>(samples);
        }
    }

    public List<StepOutcome> steps() {
        synchronized (steps) {
            return new ArrayList<>(steps);
        }
    }

    /** Stops sampling and drains what the recorders still hold into their totals. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            thread.join();
        }
        ack.drainInterval();
        chained.drainInterval();
        durable.drainInterval();
    }
}
