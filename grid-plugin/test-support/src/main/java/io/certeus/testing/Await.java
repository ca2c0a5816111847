package io.certeus.testing;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Waits for a condition instead of sleeping for a guessed time (Awaitility underneath): polls every
 * {@value #POLL_MS} ms until it holds or the timeout passes, then fails saying what was awaited and
 * what was last seen.
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
        try {
            Awaitility.await(what)
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(POLL_MS))
                    .ignoreExceptions()
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out waiting for: " + what + ", timeoutMs=" + timeout.toMillis()
                    + ", observed=" + safe(observed), e);
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
