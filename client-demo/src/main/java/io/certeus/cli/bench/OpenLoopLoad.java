package io.certeus.cli.bench;

import io.certeus.cli.demo.CaseWorkload;
import io.certeus.core.model.Event;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop load: sends each event at the time its {@link RateSchedule} intends, whatever the
 * grid's answers so far (falling behind only when an immediate refusal pauses it), and measures every
 * acknowledgement from that intended time. An optional warm-up at the plan's first rate comes first:
 * its events are sent, acknowledged, sampled and checked like the others, but their latencies are
 * not recorded. Stops at the event limit, at the duration, or when asked.
 *
 * <p>Thread-safe: {@link #run} on one thread; counters and {@link #requestStop} from any thread.
 */
public final class OpenLoopLoad {
    private final RateSchedule schedule;
    private final CaseWorkload workload;
    private final RefusedAppendRetry appender;
    private final EventIdLog ids;
    private final LatencyRecorder ack;
    private final ChainedSampler chained;
    private final AtomicLong sent = new AtomicLong();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong unanswered = new AtomicLong();
    private volatile String stopReason;
    private volatile Throwable firstFailure;
    private volatile long lastIntendedNs;

    public OpenLoopLoad(RateSchedule schedule, CaseWorkload workload, RefusedAppendRetry appender, EventIdLog ids,
            LatencyRecorder ack, ChainedSampler chained) {
        this.schedule = schedule;
        this.workload = workload;
        this.appender = appender;
        this.ids = ids;
        this.ack = ack;
        this.chained = chained;
    }

    /**
     * Sends until {@code maxEvents} are sent, {@code durationNs} has passed or a stop is requested;
     * returns why it stopped. Does not wait for the last acknowledgements ({@link #unanswered}).
     */
    public String run(long startNs, long maxEvents, long durationNs) {
        return run(startNs, maxEvents, durationNs, schedule, true);
    }

    /**
     * Sends at {@code ratePerS} for {@code warmupNs} from {@code warmupStartNs}, latencies not recorded;
     * returns why it stopped early, or {@code null} when the warm-up ran its course.
     */
    public String warmUp(long warmupStartNs, long warmupNs, long ratePerS, long maxEvents) {
        if (warmupNs <= 0) {
            return null;
        }
        RateSchedule fixed = new RateSchedule(ratePerS, 0, warmupNs);
        String reason = run(warmupStartNs, maxEvents, warmupNs, fixed, false);
        return reason.startsWith(DURATION_REACHED) ? null : reason;
    }

    /** How {@link #run} says the plan ran its whole duration. */
    public static final String DURATION_REACHED = "duration reached";

    private String run(long startNs, long maxEvents, long durationNs, RateSchedule plan, boolean measured) {
        while (true) {
            if (stopReason != null) {
                return stopReason;
            }
            if (sent.get() >= maxEvents) {
                return "events sent: events=" + maxEvents;
            }
            long offsetNs = plan.nextOffsetNs();
            if (offsetNs >= durationNs) {
                return DURATION_REACHED + ": durationMs=" + durationNs / 1_000_000;
            }
            Event event = workload.next();
            long intendedNs = startNs + offsetNs;
            long waitNs;
            while ((waitNs = intendedNs - System.nanoTime()) > 0) {
                LockSupport.parkNanos(waitNs);
            }
            lastIntendedNs = intendedNs;
            send(event, intendedNs, measured);
        }
    }

    private void send(Event event, long intendedNs, boolean measured) {
        UUID eventId = event.eventId();
        long index = ids.add(eventId);
        unanswered.incrementAndGet();
        sent.incrementAndGet();
        appender.append(event).whenComplete((ok, error) -> {
            long nowNs = System.nanoTime();
            if (error == null) {
                if (measured) {
                    ack.record(intendedNs, nowNs);
                }
                ids.markAcked(index);
                acked.increment();
                chained.onAcked(index, eventId, intendedNs, measured);
            } else {
                failed.increment();
                if (firstFailure == null) {
                    firstFailure = error;
                }
            }
            unanswered.decrementAndGet();
        });
    }

    /** Ends the load before its next event (step mode: a step failed). */
    public void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    public long sent() {
        return sent.get();
    }

    public long acked() {
        return acked.sum();
    }

    /** Appends that failed for a reason other than backpressure (timeouts, errors). */
    public long failed() {
        return failed.sum();
    }

    public Throwable firstFailure() {
        return firstFailure;
    }

    /** Sent events without an answer yet. */
    public long unanswered() {
        return unanswered.get();
    }

    /** Intended send time of the last event sent, System.nanoTime(). */
    public long lastIntendedNs() {
        return lastIntendedNs;
    }
}
