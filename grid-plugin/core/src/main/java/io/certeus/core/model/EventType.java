package io.certeus.core.model;

import java.util.HashMap;
import java.util.Map;

/**
 * The closed set of ledger event types. Events carry the type by name, so adding a type is a
 * schema change that old verifiers can still hash (the name is what is hashed).
 *
 * <p>Thread-safe: immutable.
 */
public enum EventType {
    CASE_CREATED,
    CASE_UPDATED,
    BUNDLE_SUBMITTED,
    BUNDLE_VALIDATED,
    BUNDLE_PUBLISHED,
    VERIFICATION_REQUESTED,
    VERIFICATION_COMPLETED,
    REDACTION_APPLIED,
    PUBLIC_RELEASED,
    ARCHIVE_INITIATED,
    ERROR_LOGGED;

    private static final Map<String, EventType> BY_NAME = new HashMap<>();

    static {
        for (EventType type : values()) {
            BY_NAME.put(type.name(), type);
        }
    }

    /** Returns the type with exactly this name, or {@code null} when there is none. */
    public static EventType byName(String name) {
        return name == null ? null : BY_NAME.get(name);
    }
}
