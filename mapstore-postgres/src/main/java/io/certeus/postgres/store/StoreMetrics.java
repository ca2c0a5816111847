package io.certeus.postgres.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one MapStore on one member, tagged {@code map} and {@code member}:
 * <ul>
 *   <li>{@code certeus.pg.rows.stored}: rows newly written;</li>
 *   <li>{@code certeus.pg.rows.duplicate}: rows already stored with the same content (replays);</li>
 *   <li>{@code certeus.pg.forks}: rows refused because the key was stored with a different hash;</li>
 *   <li>{@code certeus.pg.rows.unstorable}: rows set aside because they cannot be stored exactly;</li>
 *   <li>{@code certeus.pg.store.failures}: failed write attempts, tagged {@code kind} (every kind registered at
 *       zero, so the first failure is an increase Prometheus sees);</li>
 *   <li>{@code certeus.pg.deletes.refused}: removals refused (the tables are append-only);</li>
 *   <li>{@code certeus.pg.store.batch}: time per stored batch, including waits for the database.</li>
 * </ul>
 *
 * <p>Thread-safe: Micrometer meters are thread-safe.
 */
public final class StoreMetrics {
    final Counter rowsStored;
    final Counter rowsDuplicate;
    final Counter forks;
    final Counter rowsUnstorable;
    final Counter deletesRefused;
    final Timer batch;
    private final MeterRegistry registry;
    private final String map;
    private final String member;

    public StoreMetrics(MeterRegistry registry, String map, String member) {
        this.registry = registry;
        this.map = map;
        this.member = member;
        this.rowsStored = counter("certeus.pg.rows.stored", "rows this member's store newly wrote to PostgreSQL (COPY)");
        this.rowsDuplicate = counter("certeus.pg.rows.duplicate", "rows already stored with the same content (replayed writes)");
        this.forks = counter("certeus.pg.forks", "rows refused because their key was stored with a different hash (ledger_fork)");
        this.rowsUnstorable = counter("certeus.pg.rows.unstorable", "rows set aside in unstorable_row: they cannot be stored exactly");
        this.deletesRefused = counter("certeus.pg.deletes.refused", "removals refused: the tables are append-only");
        this.batch = Timer.builder("certeus.pg.store.batch").tag("map", map).tag("member", member)
                .description("time per stored batch (one storeAll: COPY and commit), including waits for the database")
                .register(registry);
        for (SqlErrorKind kind : SqlErrorKind.values()) {
            failureCounter(kind);
        }
    }

    void failure(SqlErrorKind kind) {
        failureCounter(kind).increment();
    }

    private Counter failureCounter(SqlErrorKind kind) {
        return Counter.builder("certeus.pg.store.failures").tag("map", map).tag("member", member).tag("kind", kind.name())
                .description("failed write attempts by kind of SQL error (write-behind retries each)").register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).tag("map", map).tag("member", member).description(description).register(registry);
    }
}
