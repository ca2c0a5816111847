package io.certeus.member.internal.counters;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one counters file held when it was read: the member's header and every counter's value.
 *
 * <p>Thread-safe: immutable.
 */
public final class CountersSnapshot {
    private final Path file;
    private final String memberName;
    private final String memberUuid;
    private final long pid;
    private final long startTimeMs;
    private final long heartbeatMs;
    private final Map<CerteusCounter, Long> values;

    public CountersSnapshot(Path file, String memberName, String memberUuid, long pid, long startTimeMs, long heartbeatMs,
            Map<CerteusCounter, Long> values) {
        this.file = file;
        this.memberName = memberName;
        this.memberUuid = memberUuid;
        this.pid = pid;
        this.startTimeMs = startTimeMs;
        this.heartbeatMs = heartbeatMs;
        this.values = Collections.unmodifiableMap(values.isEmpty() ? new EnumMap<>(CerteusCounter.class) : new EnumMap<>(values));
    }

    public Path file() {
        return file;
    }

    public String memberName() {
        return memberName;
    }

    public String memberUuid() {
        return memberUuid;
    }

    public long pid() {
        return pid;
    }

    public long startTimeMs() {
        return startTimeMs;
    }

    /** Epoch ms of the member's last heartbeat (and of the sample written just before it). */
    public long heartbeatMs() {
        return heartbeatMs;
    }

    /** The counter's value, {@link CerteusCounter#NOT_AVAILABLE} when the file has no such counter. */
    public long value(CerteusCounter counter) {
        Long value = values.get(counter);
        return value == null ? CerteusCounter.NOT_AVAILABLE : value;
    }

    public Map<CerteusCounter, Long> values() {
        return values;
    }

    /** Whether the heartbeat is older than {@code staleAfterMs} at {@code nowMs}: the member is gone or hung. */
    public boolean isStale(long nowMs, long staleAfterMs) {
        return nowMs - heartbeatMs > staleAfterMs;
    }

    @Override
    public String toString() {
        return "CountersSnapshot{member=" + memberName + ", pid=" + pid + ", heartbeatMs=" + heartbeatMs + ", values=" + values + '}';
    }
}
