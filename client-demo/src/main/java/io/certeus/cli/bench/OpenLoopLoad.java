package io.certeus.cli.bench;

import io.certeus.cli.demo.CaseWorkload;
import io.certeus.core.model.Event;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop load: sends each event at the time its {@link RateSchedule} intends, whatever the
 * grid's answers so far (falling behind only when an immediate refusal pauses it, then catching up
 * as fast as it can), and measures every acknowledgement from that intended time. Each measured event
 * is counted in the {@link StepTally} of the step its intended time falls in, whenever it is really
 * sent or answered. An optional warm-up at the plan's first rate comes first: its events are sent,
 * acknowledged, sampled and checked like the others, but their latencies are not recorded. Stops at
 * the event limit, at the duration, or when asked (before its next event).
 *
 * <p>Thread-safe: {@link #run} on one thread; counters and {@link #requestStop} from any thread.
 */
public final class OpenLoopLoad {
    /**
     * Sends one event until the grid takes it, counting every refused attempt with {@code onRefusal}.
     *
     * <p>Thread-safe: called from the sending thread; {@code onRefusal} may run on any thread.
     */
    public interface Appender {
        /** Completes when the grid acknowledged {@code event}, exceptionally on a failure other than backpressure. */
        CompletableFuture<Void> append(Event event, Runnable onRefusal);
    }

    /**
     * Told about every acknowledged event (the chained sampler).
     *
     * <p>Thread-safe: called from acknowledgement callbacks, on any thread.
     */
    public interface AckListener {
        /** {@code measured} is false for warm-up events. */
        void onAcked(long index, UUID eventId, long intendedNs, boolean measured);
    }

    private static final Runnable NOT_COUNTED = () -> { };
    /**
     * The pacer sleeps at least this long when it is early, then sends every event due by then:
     * one wake-up per millisecond instead of one per event (at 25,000 events/s a park per event
     * costs the load generator more CPU than the appends). Each event's latency still counts from its
     * own intended time, so the wait is charged to the system under test, never hidden.
     */
    static final long PACER_GRANULARITY_NS = 1_000_000;

    private final RateSchedule schedule;
    private final CaseWorkload workload;
    private final Appender appender;
    private final EventIdLog ids;
    private final LatencyRecorder ack;
    private final AckListener chained;
    private final StepTallies steps;
    private final AtomicLong sent = new AtomicLong();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLong unanswered = new AtomicLong();
    private volatile String stopReason;
    private volatile Throwable firstFailure;

    public OpenLoopLoad(RateSchedule schedule, CaseWorkload workload, Appender appender, EventIdLog ids,
            LatencyRecorder ack, AckListener chained, StepTallies steps) {
        this.schedule = schedule;
        this.workload = workload;
        this.appender = appender;
        this.ids = ids;
        this.ack = ack;
        this.chained = chained;
        this.steps = steps;
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
        StepTally tally = null;
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
                LockSupport.parkNanos(Math.max(waitNs, PACER_GRANULARITY_NS));
            }
            if (measured) {
                int step = plan.stepAt(offsetNs);
                if (tally == null || tally.step() != step) {
                    tally = steps.of(step);
                }
            }
            send(event, intendedNs, measured, tally);
        }
    }

    /** {@code tally} is {@code null} for a warm-up event. */
    private void send(Event event, long intendedNs, boolean measured, StepTally tally) {
        UUID eventId = event.eventId();
        long index = ids.add(eventId);
        unanswered.incrementAndGet();
        sent.incrementAndGet();
        if (tally != null) {
            tally.onSent();
        }
        appender.append(event, tally == null ? NOT_COUNTED : tally.refusalCounter()).whenComplete((ok, error) -> {
            long nowNs = System.nanoTime();
            if (error == null) {
                if (measured) {
                    ack.record(intendedNs, nowNs);
                }
                if (tally != null) {
                    tally.onAcked(intendedNs, nowNs);
                }
                ids.markAcked(index);
                acked.increment();
                chained.onAcked(index, eventId, intendedNs, measured);
            } else {
                failed.increment();
                if (firstFailure == null) {
                    firstFailure = error;
                }
                if (tally != null) {
                    tally.onFailed();
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
}
