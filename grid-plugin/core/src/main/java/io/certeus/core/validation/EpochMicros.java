package io.certeus.core.validation;

import java.time.Instant;

/**
 * Converts an {@link Instant} to the microseconds since 1970-01-01T00:00:00Z that an event carries.
 * A long of microseconds spans about 292,000 years either side of 1970, far beyond the validator's
 * accepted 1970-01-01..9999-12-31. {@code ChronoUnit.MICROS.between} does not: it goes through
 * nanoseconds and overflows outside 1677-2262. Instants beyond a long's reach (an {@code Instant}
 * goes to year 1,000,000,000) saturate to {@link Long#MIN_VALUE} or {@link Long#MAX_VALUE}, which the
 * validator refuses as {@link RejectReason#BAD_OCCURRED_AT}: never an exception.
 *
 * <p>Thread-safe: stateless.
 */
public final class EpochMicros {
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private EpochMicros() {
    }

    /** Microseconds since the epoch, rounded towards the past; saturated when out of a long's range. */
    public static long saturatedOf(Instant instant) {
        long seconds = instant.getEpochSecond();
        long microsOfSecond = instant.getNano() / 1_000; // nanos are 0..999,999,999, so this floors
        if (seconds > (Long.MAX_VALUE - microsOfSecond) / MICROS_PER_SECOND) {
            return Long.MAX_VALUE;
        }
        if (seconds < Long.MIN_VALUE / MICROS_PER_SECOND) {
            return Long.MIN_VALUE;
        }
        return seconds * MICROS_PER_SECOND + microsOfSecond;
    }

    /** The instant of {@code micros} since the epoch (every long is representable). */
    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);
    }
}
