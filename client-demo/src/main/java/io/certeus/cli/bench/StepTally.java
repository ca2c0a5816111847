package io.certeus.cli.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the events of one rate step (or fixed-rate window) did, the step being the one in which each
 * event was intended to be sent, whenever it was really sent or answered: events sent, refused
 * attempts, answers, and acknowledgement latency from the intended send time.
 *
 * <p>Thread-safe: {@link #onSent} from the sending thread, the other recording methods from any thread;
 * {@link #ackLatencies} from the one judging thread.
 */
public final class StepTally {
    private final int step;
    private final AtomicLong sent = new AtomicLong();
    private final LongAdder refusals = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong answered = new AtomicLong();
    private final Recorder ackUs = new Recorder(LatencyRecorder.HIGHEST_US, LatencyRecorder.SIGNIFICANT_DIGITS);
    private final Runnable refusalCounter = refusals::increment;

    public StepTally(int step) {
        this.step = step;
    }

    public int step() {
        return step;
    }

    /** One event of this step handed to the appender. */
    public void onSent() {
        sent.incrementAndGet();
    }

    /** Counts one refused attempt of an event of this step; the same instance every call (no allocation). */
    public Runnable refusalCounter() {
        return refusalCounter;
    }

    /** An event of this step was acknowledged at {@code nowNs}; its latency runs from {@code intendedNs}. */
    public void onAcked(long intendedNs, long nowNs) {
        ackUs.recordValue(LatencyRecorder.clampedUs(nowNs - intendedNs));
        answered.incrementAndGet();
    }

    /** An event of this step failed for a reason other than backpressure: answered, without a latency. */
    public void onFailed() {
        failed.increment();
        answered.incrementAndGet();
    }

    public long sent() {
        return sent.get();
    }

    public long refusals() {
        return refusals.sum();
    }

    public long failed() {
        return failed.sum();
    }

    /** Events acknowledged or failed so far. */
    public long answered() {
        return answered.get();
    }

    /** The acknowledgement latencies (µs) recorded since the previous call. Judging thread only. */
    public Histogram ackLatencies() {
        return ackUs.getIntervalHistogram();
    }
}
