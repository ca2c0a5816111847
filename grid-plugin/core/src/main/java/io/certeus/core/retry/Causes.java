package io.certeus.core.retry;

/**
 * Looks through a failure's chain of causes for a kind of failure: what decides whether to resend,
 * reroute or report is often wrapped (in a {@code CompletionException}, an {@code ExecutionException},
 * or a Hazelcast exception carrying a member's cause).
 *
 * <p>Thread-safe: stateless.
 */
public final class Causes {
    private Causes() {
    }

    /** The first of {@code failure} and its causes that is a {@code type}, or {@code null}. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The first of {@code failure} and its causes that is any of {@code types}, or {@code null}. */
    public static Throwable findAny(Throwable failure, Class<?>... types) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> type : types) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
        }
        return null;
    }
}
