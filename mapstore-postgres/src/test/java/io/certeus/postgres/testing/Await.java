package io.certeus.postgres.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Waits for a condition instead of sleeping for a guessed time: polls every {@value #POLL_MS} ms
 * until it holds or the timeout passes, then fails saying what was awaited and what was last seen.
 *
 * <p>Thread-safe: stateless.
 */
public final class Await {
    public static final long POLL_MS = 50;

    private Await() {
    }

    /** Polls {@code condition} until true; on timeout throws with {@code what} and the last observation. */
    public static void until(String what, Duration timeout, Callable<Boolean> condition, Supplier<String> observed)
            throws InterruptedException {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        Exception lastError = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
                lastError = null;
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() >= deadlineNs) {
                throw new AssertionError("timed out waiting for: " + what + ", timeoutMs=" + timeout.toMillis()
                        + ", observed=" + safe(observed), lastError);
            }
            Thread.sleep(POLL_MS);
        }
    }

    public static void until(String what, Duration timeout, Callable<Boolean> condition) throws InterruptedException {
        until(what, timeout, condition, () -> "-");
    }

    private static String safe(Supplier<String> observed) {
        try {
            return observed.get();
        } catch (RuntimeException e) {
            return "unavailable: " + e;
        }
    }
}
