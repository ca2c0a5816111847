package io.certeus.member.internal.counters;

import io.certeus.core.MapNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.Set;

/**
 * Reads the PostgreSQL store's meters of one member as its Micrometer meters publish them: a small
 * registry joined to {@link Metrics#globalRegistry} that accepts only this member's few meters we
 * read (without a child registry the global one keeps no values: with the Prometheus endpoint off
 * every meter would read 0). Counts start when this joins, at member start.
 *
 * <p>Thread-safe: Micrometer registries are; {@link #close} once.
 */
final class MemberMeterReadings implements AutoCloseable {
    /** {@code StoreMetrics} (mapstore-postgres): rows newly written, tagged {@code map}, {@code member}. */
    static final String ROWS_STORED_METER = "certeus.pg.rows.stored";
    /** {@code PostgresMemberStartupHook} (mapstore-postgres): entries not in PostgreSQL yet, tagged {@code map}, {@code member}. */
    static final String DIRTY_ENTRIES_METER = "certeus.pg.dirty.entries";
    private static final Set<String> READ = Set.of(ROWS_STORED_METER, DIRTY_ENTRIES_METER);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    MemberMeterReadings(String memberName) {
        registry.config().meterFilter(MeterFilter.denyUnless(id -> READ.contains(id.getName())
                && memberName.equals(id.getTag("member")) && MapNames.LEDGER.equals(id.getTag("map"))));
        Metrics.globalRegistry.add(registry);
    }

    /** Ledger rows this member stored since it started, or {@link CerteusCounter#NOT_AVAILABLE} without a store. */
    long ledgerRowsStored() {
        Counter counter = registry.find(ROWS_STORED_METER).counter();
        return counter == null ? CerteusCounter.NOT_AVAILABLE : (long) counter.count();
    }

    /** Ledger entries this member holds that PostgreSQL does not have, or {@link CerteusCounter#NOT_AVAILABLE}. */
    long ledgerDirtyEntries() {
        Gauge gauge = registry.find(DIRTY_ENTRIES_METER).gauge();
        if (gauge == null) {
            return CerteusCounter.NOT_AVAILABLE;
        }
        double value = gauge.value(); // the gauge's own function: a cached count, refreshed at most every second
        return Double.isNaN(value) ? CerteusCounter.NOT_AVAILABLE : (long) value;
    }

    @Override
    public void close() {
        Metrics.globalRegistry.remove(registry);
        registry.close();
    }
}
