package io.certeus.core.retry;

/**
 * How long to wait before trying again: capped exponential backoff. The wait after the first
 * failure is {@code firstDelayMs}; each further failure in a row doubles it, up to {@code maxDelayMs}.
 * The one place the project computes such waits ({@link Poll}, {@link Resender}, the PostgreSQL store).
 *
 * <p>Thread-safe: immutable.
 */
public final class Backoff {
    private final long firstDelayMs;
    private final long maxDelayMs;

    private Backoff(long firstDelayMs, long maxDelayMs) {
        if (firstDelayMs < 1 || maxDelayMs < firstDelayMs) {
            throw new IllegalArgumentException("backoff needs 1 <= firstDelayMs <= maxDelayMs: firstDelayMs=" + firstDelayMs
                    + ", maxDelayMs=" + maxDelayMs);
        }
        this.firstDelayMs = firstDelayMs;
        this.maxDelayMs = maxDelayMs;
    }

    /** Waits {@code firstDelayMs}, then twice that after each further failure, never more than {@code maxDelayMs}. */
    public static Backoff exponential(long firstDelayMs, long maxDelayMs) {
        return new Backoff(firstDelayMs, maxDelayMs);
    }

    /** Always waits {@code delayMs}. */
    public static Backoff fixed(long delayMs) {
        return new Backoff(delayMs, delayMs);
    }

    /** The wait after {@code failures} failed attempts in a row (1 for the first failure), in milliseconds. */
    public long delayMs(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures counts from 1: failures=" + failures);
        }
        int doublings = failures - 1;
        if (doublings >= Long.numberOfLeadingZeros(firstDelayMs) - 1) {
            return maxDelayMs; // doubling that often would overflow a long
        }
        return Math.min(maxDelayMs, firstDelayMs << doublings);
    }

    public long firstDelayMs() {
        return firstDelayMs;
    }

    public long maxDelayMs() {
        return maxDelayMs;
    }

    @Override
    public String toString() {
        return "Backoff{firstDelayMs=" + firstDelayMs + ", maxDelayMs=" + maxDelayMs + "}";
    }
}
