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
 *   <li>{@code certeus.pg.store.failures}: failed write attempts, tagged {@code kind};</li>
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
        this.rowsStored = counter("certeus.pg.rows.stored");
        this.rowsDuplicate = counter("certeus.pg.rows.duplicate");
        this.forks = counter("certeus.pg.forks");
        this.rowsUnstorable = counter("certeus.pg.rows.unstorable");
        this.deletesRefused = counter("certeus.pg.deletes.refused");
        this.batch = Timer.builder("certeus.pg.store.batch").tag("map", map).tag("member", member).register(registry);
    }

    void failure(SqlErrorKind kind) {
        Counter.builder("certeus.pg.store.failures").tag("map", map).tag("member", member)
                .tag("kind", kind.name()).register(registry).increment();
    }

    private Counter counter(String name) {
        return Counter.builder(name).tag("map", map).tag("member", member).register(registry);
    }
}
