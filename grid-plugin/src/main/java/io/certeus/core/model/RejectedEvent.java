package io.certeus.core.model;

import java.util.Objects;

/**
 * An event the validate stage refused, kept with the reason so nothing submitted is lost.
 *
 * <p>Thread-safe: immutable.
 */
public final class RejectedEvent {
    private final Event event;
    private final String reasonCode;
    private final String message;
    private final long rejectedAtMicros;

    public RejectedEvent(Event event, String reasonCode, String message, long rejectedAtMicros) {
        this.event = Objects.requireNonNull(event, "event");
        this.reasonCode = Objects.requireNonNull(reasonCode, "reasonCode");
        this.message = Objects.requireNonNull(message, "message");
        this.rejectedAtMicros = rejectedAtMicros;
    }

    public Event event() {
        return event;
    }

    /** A {@link io.certeus.core.validation.RejectReason} name. */
    public String reasonCode() {
        return reasonCode;
    }

    public String message() {
        return message;
    }

    public long rejectedAtMicros() {
        return rejectedAtMicros;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RejectedEvent)) {
            return false;
        }
        RejectedEvent that = (RejectedEvent) o;
        return rejectedAtMicros == that.rejectedAtMicros && event.equals(that.event)
                && reasonCode.equals(that.reasonCode) && message.equals(that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(event, reasonCode);
    }

    @Override
    public String toString() {
        return "RejectedEvent{reason=" + reasonCode + ", message=" + message + ", " + event + '}';
    }
}
