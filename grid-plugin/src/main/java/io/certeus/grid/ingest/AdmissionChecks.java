package io.certeus.grid.ingest;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Further conditions an append must meet, contributed by other modules without the ingest gate
 * depending on them: the PostgreSQL stores register one that refuses while the write-behind backlog
 * is full, so a slow or absent database pushes back on appenders instead of filling the heap.
 * Kept per cluster name, like {@link IngestLag}, so clusters sharing a JVM stay apart.
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

    private static final ConcurrentMap<String, List<Check>> BY_CLUSTER = new ConcurrentHashMap<>();

    private AdmissionChecks() {
    }

    public static void register(String clusterName, Check check) {
        BY_CLUSTER.computeIfAbsent(clusterName, name -> new CopyOnWriteArrayList<>()).add(check);
    }

    public static void unregister(String clusterName, Check check) {
        List<Check> checks = BY_CLUSTER.get(clusterName);
        if (checks != null) {
            checks.remove(check);
        }
    }

    /** The first refusal among the cluster's checks, or {@code null} when all pass. */
    static String firstRefusal(String clusterName) {
        List<Check> checks = BY_CLUSTER.get(clusterName);
        if (checks == null) {
            return null;
        }
        for (Check check : checks) {
            String refusal = check.refusal();
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }
}
