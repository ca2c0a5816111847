package io.certeus.client;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then random bits. Ids
 * minted close in time sort close together, which keeps PostgreSQL's index inserts local.
 *
 * <p>Thread-safe: {@link SecureRandom} is thread-safe.
 */
public final class UuidV7 {
    private static final SecureRandom RANDOM = new SecureRandom();

    private UuidV7() {
    }

    public static UUID next() {
        return at(System.currentTimeMillis());
    }

    public static UUID at(long unixMillis) {
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (unixMillis << 16) | 0x7000L | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** The millisecond timestamp of a version 7 UUID. */
    public static long unixMillis(UUID uuid) {
        if (uuid.version() != 7) {
            throw new IllegalArgumentException("not a version 7 UUID: uuid=" + uuid + ", version=" + uuid.version());
        }
        return uuid.getMostSignificantBits() >>> 16;
    }
}
