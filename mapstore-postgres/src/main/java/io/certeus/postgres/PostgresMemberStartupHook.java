package io.certeus.postgres;

import com.hazelcast.cluster.ClusterState;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.certeus.core.MapNames;
import io.certeus.core.archive.LedgerArchive;
import io.certeus.core.model.ShardHead;
import io.certeus.core.protocol.DurableSizes;
import io.certeus.core.settings.SettingsSource;
import io.certeus.member.AdmissionChecks;
import io.certeus.member.MemberContext;
import io.certeus.member.MemberStartupHook;
import io.certeus.member.internal.metrics.HealthCheck;
import io.certeus.member.internal.metrics.MemberHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Member start-up work of the PostgreSQL stores (found through {@code META-INF/services}):
 * <ul>
 *   <li>creates the persisted maps so their stores start now (pool, migrations) rather than on first use;</li>
 *   <li>registers a {@code certeus.pg.dirty.entries} gauge per persisted map (tags {@code map}, {@code member});</li>
 *   <li>probes PostgreSQL ({@link PostgresProbe}: gauge {@code certeus.pg.up}, health check {@code postgres}) and adds
 *       the health check {@code persistence-backlog} (the ledger's unstored entries against their limit);</li>
 *   <li>flushes the persisted maps when the member starts shutting down, bounded by
 *       {@code certeus.pg.shutdown.flush.timeout.ms}: Hazelcast itself does not wait for dirty entries.</li>
 * </ul>
 *
 * <p>Thread-safe: called once per member from the plugin's thread; the lifecycle listener runs on the
 * thread that shuts the member down.
 */
public final class PostgresMemberStartupHook implements MemberStartupHook {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMemberStartupHook.class);
    private static final String[] PERSISTED_MAPS = {MapNames.LEDGER, MapNames.ANCHORS, MapNames.REJECTED};
    /**
     * How often the ledger's dirty-entry count is sampled for the backlog admission check. Computing
     * it walks every local partition (measured ~1.5 % of a member's CPU at 100 ms under load); the
     * limit has headroom for what arrives in between.
     */
    static final long BACKLOG_SAMPLE_INTERVAL_MS = 500;

    @Override
    public String name() {
        return "postgres-stores";
    }

    @Override
    public void onMemberStarted(HazelcastInstance member, SettingsSource settings) {
        List<String> persisted = persistedMaps(member);
        if (persisted.isEmpty()) {
            return;
        }
        long flushTimeoutMs = PostgresSettings.SHUTDOWN_FLUSH_TIMEOUT_MS_SETTING.readLong(settings);
        List<Meter> meters = new ArrayList<>();
        for (String mapName : persisted) {
            member.getMap(mapName);
            WriteBehindBacklog backlog = new WriteBehindBacklog(member, mapName, Long.MAX_VALUE, 1_000);
            // Strong reference: Micrometer holds a gauge's object weakly by default, and nothing else
            // holds this one, so after the first GC the gauge read NaN.
            meters.add(Gauge.builder("certeus.pg.dirty.entries", backlog, b -> member.getLifecycleService().isRunning()
                            ? b.localDirtyEntries() : Double.NaN)
                    .tag("map", mapName)
                    .tag("member", member.getName())
                    .description("entries held by this member that PostgreSQL does not have yet")
                    .strongReference(true)
                    .register(Metrics.globalRegistry));
        }
        PostgresProbe probe = new PostgresProbe(member, Metrics.globalRegistry);
        probe.start();
        MemberHealth health = MemberHealth.of(member);
        health.register(probe);
        if (persisted.contains(MapNames.LEDGER)) {
            publishDurableSizes(member);
        }
        // Only now that the maps' proxies exist: the check runs on partition threads and must not create one.
        AdmissionChecks admission = MemberContext.of(member).admissionChecks();
        ScheduledExecutorService sampler = persisted.contains(MapNames.LEDGER) ? backlogSampler(member) : null;
        AdmissionChecks.Check backlogCheck = sampler == null ? null : ledgerBacklogCheck(member, sampler);
        if (backlogCheck != null) {
            admission.register(backlogCheck);
        }
        HealthCheck backlogHealth = sampler == null ? null : backlogHealth(WriteBehindBacklog.forLedger(member), backlogCheck);
        if (backlogHealth != null) {
            health.register(backlogHealth);
        }
        member.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                probe.close();
                health.unregister(probe);
                if (backlogHealth != null) {
                    health.unregister(backlogHealth);
                }
                meters.forEach(Metrics.globalRegistry::remove);
                if (backlogCheck != null) {
                    admission.unregister(backlogCheck);
                    sampler.shutdownNow();
                }
                flushBeforeShutdown(member, persisted, flushTimeoutMs);
            }
        });
        LOG.info("postgres-stores: ready: member={}, maps={}, shutdownFlushTimeoutMs={}", member.getName(), persisted,
                flushTimeoutMs);
    }

    /**
     * Tells the grid how much of each chain PostgreSQL already holds (after a restart the durable map
     * starts empty), so appends waiting for PostgreSQL see rows committed before this member started.
     */
    /** SQLSTATE of a table that does not exist: a schema the stores have not migrated yet. */
    private static final String UNDEFINED_TABLE = "42P01";

    private static void publishDurableSizes(HazelcastInstance member) {
        LedgerArchive archive = LedgerArchive.of(member);
        if (archive == null) {
            return;
        }
        try {
            Map<Integer, Long> sizes = new HashMap<>();
            for (ShardHead head : archive.shardHeads()) {
                sizes.put(head.shard(), head.size());
            }
            DurableSizes.raise(member.getMap(MapNames.DURABLE), sizes);
            LOG.info("postgres-stores: durable sizes published: member={}, shards={}", member.getName(), sizes.size());
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SQLException && UNDEFINED_TABLE.equals(((SQLException) e.getCause()).getSQLState())) {
                LOG.info("postgres-stores: no ledger rows yet (new schema): member={}", member.getName());
                return;
            }
            LOG.warn("postgres-stores: durable sizes not published at start (the next stored batch publishes its shards'): "
                    + "member={}, error={}", member.getName(), e.toString());
        }
    }

    private static ScheduledExecutorService backlogSampler(HazelcastInstance member) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "certeus-pg-backlog-sampler-" + member.getName());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Refuses appends while this member holds {@code certeus.pg.backlog.max.dirty.entries} ledger
     * entries PostgreSQL does not have yet: invariant 6, memory stays bounded when the database is slow or down.
     * The count is sampled every {@value #BACKLOG_SAMPLE_INTERVAL_MS} ms by {@code sampler}; the
     * check itself only reads the last sample, so it is cheap and never blocks a partition thread.
     */
    private static AdmissionChecks.Check ledgerBacklogCheck(HazelcastInstance member, ScheduledExecutorService sampler) {
        WriteBehindBacklog backlog = WriteBehindBacklog.forLedger(member);
        backlog.sample();
        sampler.scheduleWithFixedDelay(() -> {
            try {
                if (member.getLifecycleService().isRunning()) {
                    backlog.sample();
                }
            } catch (RuntimeException e) {
                LOG.warn("postgres-stores: backlog sample failed: member={}", member.getName(), e);
            }
        }, BACKLOG_SAMPLE_INTERVAL_MS, BACKLOG_SAMPLE_INTERVAL_MS, TimeUnit.MILLISECONDS);
        return () -> backlog.isSampledFull()
                ? "PostgreSQL is behind, persistence backlog full: member=" + member.getName() + ", dirtyEntries="
                        + backlog.sampledDirtyEntries() + ", maxDirtyEntries=" + backlog.maxDirtyEntries()
                : null;
    }

    /**
     * Health check {@code persistence-backlog}: fails while the admission check refuses appends (the
     * ledger's unstored entries on this member at {@code certeus.pg.backlog.max.dirty.entries}).
     * {@code limits} only supplies the configured maximum; the verdict is the admission check's own.
     */
    private static HealthCheck backlogHealth(WriteBehindBacklog limits, AdmissionChecks.Check admission) {
        return new HealthCheck() {
            @Override
            public String name() {
                return "persistence-backlog";
            }

            @Override
            public Result check() {
                String refusal = admission.refusal();
                return refusal == null ? Result.ok("ledger entries not yet in PostgreSQL below the limit: maxDirtyEntries="
                        + limits.maxDirtyEntries()) : Result.fail(refusal);
            }
        };
    }

    /** Flushes every persisted map, waiting at most {@code timeoutMs} in all. */
    static void flushBeforeShutdown(HazelcastInstance member, List<String> maps, long timeoutMs) {
        ClusterState state = member.getCluster().getClusterState();
        if (state != ClusterState.ACTIVE) {
            // A cluster-wide shutdown (PASSIVE) refuses map operations; whoever shut it down should have flushed.
            long dirty = maps.stream().mapToLong(m -> member.getMap(m).getLocalMapStats().getDirtyEntryCount()).sum();
            if (dirty > 0) {
                LOG.error("postgres-stores: cannot flush in cluster state {}: member={}, dirtyEntries={}; flush the maps "
                        + "before a cluster-wide shutdown", state, member.getName(), dirty);
            }
            return;
        }
        long startNs = System.nanoTime();
        CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> {
            for (String mapName : maps) {
                member.getMap(mapName).flush();
            }
        });
        try {
            flush.get(timeoutMs, TimeUnit.MILLISECONDS);
            LOG.info("postgres-stores: flushed before shutdown: member={}, maps={}, tookMs={}", member.getName(), maps,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
        } catch (TimeoutException e) {
            LOG.error("postgres-stores: shutdown flush timed out, dirty entries of this member may be lost unless another "
                    + "member holds them: member={}, timeoutMs={}", member.getName(), timeoutMs);
        } catch (Exception e) {
            LOG.error("postgres-stores: shutdown flush failed: member={}", member.getName(), e);
        }
    }

    private static List<String> persistedMaps(HazelcastInstance member) {
        List<String> persisted = new ArrayList<>();
        for (String mapName : PERSISTED_MAPS) {
            MapStoreConfig store = member.getConfig().getMapConfig(mapName).getMapStoreConfig();
            if (store.isEnabled() && store.getWriteDelaySeconds() > 0) {
                persisted.add(mapName);
            }
        }
        return persisted;
    }
}
