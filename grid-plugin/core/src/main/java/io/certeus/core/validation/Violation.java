package io.certeus.core.validation;

import java.util.Objects;

/**
 * The first rule an event broke: a stable reason and a message with key=value context.
 *
 * <p>Thread-safe: immutable.
 */
public final class Violation {
    private final RejectReason reason;
    private final String message;

    public Violation(RejectReason reason, String message) {
        this.reason = Objects.requireNonNull(reason, "reason");
        this.message = Objects.requireNonNull(message, "message");
    }

    public RejectReason reason() {
        return reason;
    }

    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return reason + ": " + message;
    }
}
