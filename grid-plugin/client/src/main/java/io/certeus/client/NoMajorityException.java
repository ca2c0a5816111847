package io.certeus.client;

/**
 * An append refused because the member that received it cannot hear from a majority of the
 * configured cluster ({@code certeus.cluster.size}): it is on the small side of a network partition,
 * or too many members are down. Nothing was stored; the same event may be sent again later, or to
 * a member on the majority side (docs/RELIABILITY.md, "Split-brain"). It is a refusal like
 * backpressure, with the same contract, so {@link CerteusClient#appendWaitingForCapacity} resends
 * it until its deadline.
 *
 * <p>Thread-safe: immutable.
 */
public class NoMajorityException extends BackpressureException {
    private static final long serialVersionUID = 1L;

    public NoMajorityException(String message) {
        super(message);
    }

    public NoMajorityException(String message, Throwable cause) {
        super(message, cause);
    }
}
