package io.certeus.core.validation;

/**
 * Size limits the validator enforces. Defaults suit legal case events; every limit is checked at
 * construction and refused when out of range, never silently adjusted.
 *
 * <p>Thread-safe: immutable.
 */
public final class EventLimits {
    /** Largest payload, in bytes of UTF-8 JSON. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024;
    /** Longest actor, in UTF-8 bytes. */
    public static final int DEFAULT_MAX_ACTOR_BYTES = 256;
    /** Hard ceiling for the payload limit: keeps one ledger row well under PostgreSQL's page-friendly sizes. */
    public static final int MAX_PAYLOAD_BYTES_CEILING = 1024 * 1024;

    /** Earliest accepted {@code occurredAt}: 1970-01-01T00:00:00Z. */
    public static final long MIN_OCCURRED_AT_MICROS = 0L;
    /** Latest accepted {@code occurredAt}: 9999-12-31T23:59:59.999999Z, the end of PostgreSQL-friendly time. */
    public static final long MAX_OCCURRED_AT_MICROS = 253_402_300_799_999_999L;

    private static final EventLimits DEFAULTS = new EventLimits(DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_ACTOR_BYTES);

    private final int maxPayloadBytes;
    private final int maxActorBytes;

    public EventLimits(int maxPayloadBytes, int maxActorBytes) {
        if (maxPayloadBytes < 2 || maxPayloadBytes > MAX_PAYLOAD_BYTES_CEILING) {
            throw new IllegalArgumentException("maxPayloadBytes out of range: maxPayloadBytes=" + maxPayloadBytes
                    + ", allowed=[2, " + MAX_PAYLOAD_BYTES_CEILING + "]");
        }
        if (maxActorBytes < 1 || maxActorBytes > 4096) {
            throw new IllegalArgumentException("maxActorBytes out of range: maxActorBytes=" + maxActorBytes
                    + ", allowed=[1, 4096]");
        }
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxActorBytes = maxActorBytes;
    }

    public static EventLimits defaults() {
        return DEFAULTS;
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    public int maxActorBytes() {
        return maxActorBytes;
    }
}
