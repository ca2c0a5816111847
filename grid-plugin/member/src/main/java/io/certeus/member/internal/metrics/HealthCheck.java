package io.certeus.member.internal.metrics;

/**
 * One named condition of a member's health ({@code GET /health}), contributed by the member plugin
 * and by other modules (the PostgreSQL stores add {@code postgres}) through {@link MemberHealth}.
 * {@link #check()} runs on the health endpoint's HTTP thread: it must answer from values measured
 * elsewhere (a poller, a probe), never do slow work itself.
 *
 * <p>Implementations are thread-safe.
 */
public interface HealthCheck {
    /** Stable name, the key in the health document. */
    String name();

    /** The current result; must not block. */
    Result check();

    /** A check's outcome: {@code ok}, and a reason with key=value context in both cases. */
    record Result(boolean ok, String reason) {
        public static Result ok(String reason) {
            return new Result(true, reason);
        }

        public static Result fail(String reason) {
            return new Result(false, reason);
        }
    }
}
