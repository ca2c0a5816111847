package io.certeus.core.validation;

import io.certeus.core.settings.Setting;
import io.certeus.core.settings.SettingsSource;

/**
 * Size limits the validator enforces. Defaults suit legal case events; every limit is checked at
 * construction and refused when out of range, never silently adjusted.
 *
 * <p>Thread-safe: immutable. Serializable: members hand their limits to connecting clients ({@link ClusterEventLimits}).
 */
public final class EventLimits implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

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

    public static final Setting MAX_PAYLOAD_BYTES_SETTING = Setting.wholeNumber("certeus.pipeline.max.payload.bytes", "bytes",
            DEFAULT_MAX_PAYLOAD_BYTES, 2, MAX_PAYLOAD_BYTES_CEILING, "largest payload the validate stage accepts");
    public static final Setting MAX_ACTOR_BYTES_SETTING = Setting.wholeNumber("certeus.pipeline.max.actor.bytes", "UTF-8 bytes",
            DEFAULT_MAX_ACTOR_BYTES, 1, 4_096, "longest actor");

    private static final EventLimits DEFAULTS = new EventLimits(DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_ACTOR_BYTES);

    private final int maxPayloadBytes;
    private final int maxActorBytes;

    public EventLimits(int maxPayloadBytes, int maxActorBytes) {
        this.maxPayloadBytes = (int) MAX_PAYLOAD_BYTES_SETTING.requireInRange(maxPayloadBytes);
        this.maxActorBytes = (int) MAX_ACTOR_BYTES_SETTING.requireInRange(maxActorBytes);
    }

    public static EventLimits defaults() {
        return DEFAULTS;
    }

    /** The limits {@code source} configures (what a member's pipeline enforces). */
    public static EventLimits from(SettingsSource source) {
        return new EventLimits(MAX_PAYLOAD_BYTES_SETTING.readInt(source), MAX_ACTOR_BYTES_SETTING.readInt(source));
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    public int maxActorBytes() {
        return maxActorBytes;
    }
}
