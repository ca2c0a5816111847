package io.certeus.cli.top;

import io.certeus.member.internal.counters.CerteusCounter;
import io.certeus.member.internal.counters.CountersSnapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive reads of the counters files into {@link MemberView}s: the rate of each total is
 * its growth between the two newest samples with different heartbeats, over the time between those
 * heartbeats (the member writes its heartbeat right after each sample, so that is the sampling
 * interval, whatever the refresh interval of {@code top}).
 *
 * <p>Not thread-safe: one refresh loop.
 */
public final class RateWindow {
    private final long staleAfterMs;
    private final Map<Path, CountersSnapshot> latest = new HashMap<>();
    private final Map<Path, CountersSnapshot> earlier = new HashMap<>();

    public RateWindow(long staleAfterMs) {
        this.staleAfterMs = staleAfterMs;
    }

    /** Records {@code current} (every file read now, at {@code nowMs}) and returns their views in the same order. */
    public List<MemberView> update(List<CountersSnapshot> current, long nowMs) {
        Map<Path, CountersSnapshot> seen = new HashMap<>();
        List<MemberView> views = new ArrayList<>(current.size());
        for (CountersSnapshot snapshot : current) {
            Path file = snapshot.file();
            seen.put(file, snapshot);
            CountersSnapshot last = latest.get(file);
            if (last != null && last.startTimeMs() != snapshot.startTimeMs()) {
                earlier.remove(file); // a new member wrote a file of the same name
            } else if (last != null && snapshot.heartbeatMs() > last.heartbeatMs()) {
                earlier.put(file, last);
            }
            latest.put(file, snapshot);
            boolean stale = snapshot.isStale(nowMs, staleAfterMs);
            Map<CerteusCounter, Double> rates = stale ? Map.of() : rates(earlier.get(file), snapshot);
            views.add(new MemberView(snapshot, rates, stale, Math.max(0, nowMs - snapshot.heartbeatMs())));
        }
        latest.keySet().retainAll(seen.keySet());
        earlier.keySet().retainAll(seen.keySet());
        return views;
    }

    private static Map<CerteusCounter, Double> rates(CountersSnapshot before, CountersSnapshot now) {
        Map<CerteusCounter, Double> rates = new EnumMap<>(CerteusCounter.class);
        if (before == null) {
            return rates;
        }
        long elapsedMs = now.heartbeatMs() - before.heartbeatMs();
        if (elapsedMs <= 0) {
            return rates;
        }
        for (CerteusCounter counter : CerteusCounter.values()) {
            long from = before.value(counter);
            long to = now.value(counter);
            if (counter.kind() == CerteusCounter.Kind.TOTAL && from >= 0 && to >= from) {
                rates.put(counter, (to - from) * 1000.0 / elapsedMs);
            }
        }
        return rates;
    }
}
