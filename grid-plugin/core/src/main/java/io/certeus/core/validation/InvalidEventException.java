package io.certeus.core.validation;

/**
 * Thrown to a caller whose event breaks a validation rule; carries the {@link Violation}.
 * Not retryable: the same event will fail again.
 */
public class InvalidEventException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Violation violation;

    public InvalidEventException(Violation violation) {
        super(violation.reason() + ": " + violation.message());
        this.violation = violation;
    }

    public Violation violation() {
        return violation;
    }

    public RejectReason reason() {
        return violation.reason();
    }
}
