package io.certeus.member;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Further conditions an append must meet, contributed by other modules without the ingest gate
 * depending on them: the PostgreSQL stores register one that refuses while the write-behind backlog
 * is full, so a slow or absent database pushes back on appenders instead of filling the heap.
 * One per member ({@link io.certeus.member.MemberContext#admissionChecks()}): a check refuses only the
 * appends its own member stores.
 *
 * <p>Thread-safe: registration is rare (member start and stop); checks run concurrently on partition threads.
 */
public final class AdmissionChecks {
    /** One condition; must be cheap (it runs on every append) and must not block. */
    @FunctionalInterface
    public interface Check {
        /** {@code null} when appends may proceed, otherwise why not, with key=value context. */
        String refusal();
    }

    private final List<Check> checks = new CopyOnWriteArrayList<>();

    public void register(Check check) {
        checks.add(check);
    }

    public void unregister(Check check) {
        checks.remove(check);
    }

    /** The first refusal among the checks, or {@code null} when all pass. */
    public String firstRefusal() {
        for (Check check : checks) {
            String refusal = check.refusal();
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }
}
