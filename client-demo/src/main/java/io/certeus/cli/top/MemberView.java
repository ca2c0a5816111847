package io.certeus.cli.top;

import io.certeus.member.internal.counters.CerteusCounter;
import io.certeus.member.internal.counters.CountersSnapshot;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One member's row of a {@code certeus top} frame: its latest counters, the per-second rate of each
 * total (where two samples were seen), and whether its heartbeat is stale.
 *
 * <p>Thread-safe: immutable.
 */
public final class MemberView {
    private final CountersSnapshot snapshot;
    private final Map<CerteusCounter, Double> ratesPerSecond;
    private final boolean stale;
    private final long heartbeatAgeMs;

    public MemberView(CountersSnapshot snapshot, Map<CerteusCounter, Double> ratesPerSecond, boolean stale, long heartbeatAgeMs) {
        this.snapshot = snapshot;
        this.ratesPerSecond = Collections.unmodifiableMap(ratesPerSecond.isEmpty()
                ? new EnumMap<>(CerteusCounter.class) : new EnumMap<>(ratesPerSecond));
        this.stale = stale;
        this.heartbeatAgeMs = heartbeatAgeMs;
    }

    public CountersSnapshot snapshot() {
        return snapshot;
    }

    /** Per-second rate of a total, or {@code null} when not known yet (one sample seen, or a stale member). */
    public Double ratePerSecond(CerteusCounter counter) {
        return ratesPerSecond.get(counter);
    }

    public boolean stale() {
        return stale;
    }

    public long heartbeatAgeMs() {
        return heartbeatAgeMs;
    }
}
