package io.certeus.postgres;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.certeus.core.MapNames;
import io.certeus.core.settings.SettingsSource;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How many entries of a write-behind map this member holds that PostgreSQL does not have yet
 * ({@code LocalMapStats.getDirtyEntryCount()}), for backpressure and metrics. The ingest gate's
 * admission check refuses appends while {@link #isSampledFull()}, long before the heap is at risk.
 * {@link #localDirtyEntries()} caches the count for {@code refreshMs} because computing it walks
 * every local partition.
 *
 * <p>Partition threads must never compute the count (it takes the map's proxy and walks every
 * partition: a partition thread doing that can deadlock with a proxy being created): they read
 * {@link #sampledDirtyEntries()}, which a background thread keeps fresh with {@link #sample()}.
 *
 * <p>Thread-safe: the cached count is published through volatile fields; concurrent refreshes are harmless.
 */
public final class WriteBehindBacklog {
    /** How long a computed dirty count is reused, milliseconds. */
    public static final long DEFAULT_REFRESH_MS = 100;
    /** Name of the executor that {@link #clusterDirtyEntries} uses. */
    public static final String EXECUTOR_NAME = "certeus-pg-backlog";

    private final HazelcastInstance member;
    private final String mapName;
    private final long maxDirtyEntries;
    private final long refreshNs;
    private volatile long cachedDirtyEntries;
    private volatile long cachedAtNs;
    private volatile boolean cached;

    public WriteBehindBacklog(HazelcastInstance member, String mapName, long maxDirtyEntries, long refreshMs) {
        if (maxDirtyEntries < 1) {
            throw new IllegalArgumentException("maxDirtyEntries must be positive: maxDirtyEntries=" + maxDirtyEntries);
        }
        if (refreshMs < 0) {
            throw new IllegalArgumentException("refreshMs must not be negative: refreshMs=" + refreshMs);
        }
        this.member = member;
        this.mapName = mapName;
        this.maxDirtyEntries = maxDirtyEntries;
        this.refreshNs = TimeUnit.MILLISECONDS.toNanos(refreshMs);
    }

    /** The ledger map's backlog on this member, limit from {@code certeus.pg.backlog.max.dirty.entries}. */
    public static WriteBehindBacklog forLedger(HazelcastInstance member) {
        long max = PostgresSettings.BACKLOG_MAX_DIRTY_ENTRIES_SETTING.readLong(SettingsSource.of(member.getConfig().getProperties()));
        return new WriteBehindBacklog(member, MapNames.LEDGER, max, DEFAULT_REFRESH_MS);
    }

    /** Dirty entries this member owns for the map (cached up to the refresh interval). */
    public long localDirtyEntries() {
        if (!cached || System.nanoTime() - cachedAtNs >= refreshNs) {
            sample();
        }
        return cachedDirtyEntries;
    }

    /** Computes the count now and keeps it for {@link #sampledDirtyEntries()}; for a background sampler. */
    public void sample() {
        cachedDirtyEntries = member.getMap(mapName).getLocalMapStats().getDirtyEntryCount();
        cachedAtNs = System.nanoTime();
        cached = true;
    }

    /** The count of the last computation (0 before the first); never blocks, safe on partition threads. */
    public long sampledDirtyEntries() {
        return cachedDirtyEntries;
    }

    public long maxDirtyEntries() {
        return maxDirtyEntries;
    }

    /** Whether the last sampled count is at or over the limit; never blocks, safe on partition threads. */
    public boolean isSampledFull() {
        return cachedDirtyEntries >= maxDirtyEntries;
    }

    /**
     * The map's dirty entries summed over all members, asked through an executor (works from a client
     * too, as long as this module is on the members' classpath).
     */
    public static long clusterDirtyEntries(HazelcastInstance memberOrClient, String mapName, long timeoutMs)
            throws TimeoutException, InterruptedException {
        IExecutorService executor = memberOrClient.getExecutorService(EXECUTOR_NAME);
        long total = 0;
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (Future<Long> answer : executor.submitToAllMembers(new DirtyEntryCountTask(mapName)).values()) {
            try {
                total += answer.get(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("dirty entry count failed on a member: map=" + mapName, e.getCause());
            }
        }
        return total;
    }
}
