package io.certeus.cli.bench;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Reads the grid's backlog from a {@link BacklogProbe} on its own thread, one reading every
 * {@code periodNs} (the next one at once when a probe took longer), and keeps the latest, so a slow
 * probe never delays the monitor's status line or a step's judgment: they use the latest reading and
 * its age.
 *
 * <p>Thread-safe: {@link #latest} from any thread; {@link #start} and {@link #close} from the owning thread.
 */
public final class BacklogSampler implements AutoCloseable {
    /** Longest wait in {@link #close} for a probe in progress to notice the interrupt, milliseconds. */
    static final long CLOSE_WAIT_MS = 3_000;

    /**
     * One reading: when it started and completed ({@code clockNs} values) and what it found.
     *
     * <p>Thread-safe: immutable.
     */
    public static final class Reading {
        public final long startedNs;
        public final long completedNs;
        public final long ingestPending;
        public final long writeBehindDirty;

        public Reading(long startedNs, long completedNs, long ingestPending, long writeBehindDirty) {
            this.startedNs = startedNs;
            this.completedNs = completedNs;
            this.ingestPending = ingestPending;
            this.writeBehindDirty = writeBehindDirty;
        }

        /** Ingest pending plus write-behind dirty; -1 when either probe failed. */
        public long backlog() {
            return ingestPending < 0 || writeBehindDirty < 0 ? -1 : ingestPending + writeBehindDirty;
        }
    }

    private final BacklogProbe probe;
    private final LongSupplier clockNs;
    private final long periodNs;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Reading latest;

    public BacklogSampler(BacklogProbe probe, LongSupplier clockNs, long periodNs) {
        if (periodNs < 1) {
            throw new IllegalArgumentException("backlog probe period must be positive: periodNs=" + periodNs);
        }
        this.probe = probe;
        this.clockNs = clockNs;
        this.periodNs = periodNs;
        this.thread = new Thread(this::run, "certeus-bench-backlog-probe");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** The latest completed reading; {@code null} before the first completes. */
    public Reading latest() {
        return latest;
    }

    private void run() {
        while (running) {
            long startedNs = clockNs.getAsLong();
            long pending = ask(true);
            long dirty = ask(false);
            latest = new Reading(startedNs, clockNs.getAsLong(), pending, dirty);
            long waitNs;
            while (running && (waitNs = startedNs + periodNs - clockNs.getAsLong()) > 0) {
                LockSupport.parkNanos(this, Math.min(waitNs, periodNs));
            }
        }
    }

    private long ask(boolean pending) {
        try {
            return pending ? probe.ingestPending() : probe.writeBehindDirty();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Stops probing: interrupts a probe in progress and waits for it a bounded time. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        if (thread.isAlive()) {
            thread.join(CLOSE_WAIT_MS);
        }
    }
}
