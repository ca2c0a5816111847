package io.certeus.cli.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Polls an external system (grid, PostgreSQL) until a condition holds or a deadline passes: the one
 * waiting helper of the bench.
 *
 * <p>Thread-safe: static functions only.
 */
public final class BoundedWait {
    /** A condition that may need I/O. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private BoundedWait() {
    }

    /**
     * Returns {@link System#nanoTime()} at the first poll that saw the condition hold.
     *
     * @throws TimeoutException with {@code what} and the timeout when the deadline passed first
     */
    public static long until(String what, long timeoutMs, long pollMs, Condition condition) throws Exception {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            if (condition.holds()) {
                return System.nanoTime();
            }
            if (System.nanoTime() - deadlineNs > 0) {
                throw new TimeoutException("bench: gave up waiting: what=" + what + ", timeoutMs=" + timeoutMs);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollMs));
            if (Thread.interrupted()) {
                throw new InterruptedException("bench: interrupted while waiting: what=" + what);
            }
        }
    }
}
