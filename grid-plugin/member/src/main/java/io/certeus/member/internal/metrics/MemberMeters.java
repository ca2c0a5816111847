package io.certeus.member.internal.metrics;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import io.certeus.core.MapNames;
import io.certeus.core.model.Anchor;
import io.certeus.core.protocol.DurableSizes;
import io.certeus.core.protocol.IngestBatchTask;
import io.certeus.core.settings.SettingsSource;
import io.certeus.core.shard.IngestLanes;
import io.certeus.member.ConfiguredMajority;
import io.certeus.member.MemberContext;
import io.certeus.member.internal.ingest.IngestLag;
import io.certeus.member.internal.ingest.IngestRefusals;
import io.certeus.member.internal.ingest.IngestSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The member-side meters and health checks of CERTEUS that are not a store's or a stage's own:
 * cluster size against the configured size, the majority, cluster safety, owned partitions, the
 * CERTEUS maps' local entries and memory, ingest lag per lane this member owns (with its maximum,
 * total and limit), the ledger job's status and stage metrics ({@link LedgerJobMeters}), the durable
 * watermark lag, and the scaling advice ({@link ScalingAdvice}). Everything slow (the job's metrics,
 * cluster safety, map statistics, the anchor and durable maps) is read by one poller thread every
 * {@value #POLL_INTERVAL_MS} ms; meters and checks read what it last saw, so a scrape or a probe
 * never waits on the grid.
 *
 * <p>One per member. Thread-safe: the poller is single-threaded and publishes through volatile fields;
 * meters and checks only read them.
 */
public final class MemberMeters implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MemberMeters.class);
    /** As often as Jet collects job metrics by default (metrics.collection-frequency-seconds: 5). */
    static final long POLL_INTERVAL_MS = 5_000;
    /** Window of the grid's ingest rate behind the scaling advice. */
    static final long RATE_WINDOW_MS = 60_000;
    /** A poll older than this makes the job check fail: the poller is stuck or failing. */
    static final long STALE_AFTER_MS = 6 * POLL_INTERVAL_MS;
    private static final String[] CERTEUS_MAPS = {MapNames.INGEST, MapNames.LEDGER, MapNames.ANCHORS, MapNames.REJECTED,
        MapNames.DURABLE};

    private final HazelcastInstance member;
    private final String memberName;
    private final MeterRegistry registry;
    private final int configuredSize;
    private final int requiredMembers;
    private final int lagLimit;
    private final ScalingAdvice scaling;
    private final LedgerJobMeters job;
    private final List<Meter> meters = new ArrayList<>();
    private final Map<Integer, Gauge> laneGauges = new HashMap<>();
    private final Map<String, long[]> mapStats = new HashMap<>();
    private final ScheduledExecutorService poller;

    private volatile boolean clusterSafe;
    private volatile int ownedPartitions;
    private volatile long durableLagEntries;
    private volatile long lastPollNs;
    private volatile String lastPollError = "not polled yet";

    private MemberMeters(HazelcastInstance member, SettingsSource settings, MeterRegistry registry) {
        this.member = member;
        this.memberName = member.getName();
        this.registry = registry;
        this.configuredSize = ConfiguredMajority.isActive(member) ? ConfiguredMajority.CLUSTER_SIZE_SETTING.readInt(settings) : 1;
        this.requiredMembers = configuredSize / 2 + 1;
        this.lagLimit = IngestSettings.MAX_PENDING_BATCHES_PER_LANE_SETTING.readInt(settings);
        this.scaling = ScalingAdvice.from(settings, requiredMembers);
        this.job = new LedgerJobMeters(member, registry, RATE_WINDOW_MS);
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "certeus-metrics-poller-" + memberName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Registers {@code member}'s meters on {@code registry} and its checks on {@link MemberHealth}, and
     * starts the poller. Out-of-range settings stop it (logged by the caller), as for every component.
     */
    public static MemberMeters start(HazelcastInstance member, SettingsSource settings, MeterRegistry registry) {
        MemberMeters meters = new MemberMeters(member, settings, registry);
        meters.register();
        meters.registerChecks(MemberHealth.of(member));
        meters.poller.scheduleWithFixedDelay(meters::pollSafely, 0, POLL_INTERVAL_MS, TimeUnit.MILLISECONDS);
        LOG.info("certeus metrics: member meters started: member={}, configuredSize={}, lagLimit={}, memberCapacity={}/s, "
                + "targetUtilisation={}%", meters.memberName, meters.configuredSize, meters.lagLimit,
                meters.scaling.memberCapacityPerSecond(), meters.scaling.targetUtilisationPercent());
        return meters;
    }

    private void register() {
        gauge("certeus.cluster.size.configured", null, "members the grid is deployed with (certeus.cluster.size; 1: protection off)",
                m -> m.configuredSize);
        gauge("certeus.cluster.majority", null, "1 while this member hears a majority of the configured size (split-brain "
                + "protection certeus-majority present: writes accepted), else 0",
                m -> ConfiguredMajority.present(m.member) ? 1 : 0);
        gauge("certeus.cluster.safe", null, "1 when every partition has its owner and backups in sync (no migration pending), "
                + "as last polled", m -> m.clusterSafe ? 1 : 0);
        gauge("certeus.partitions.owned", null, "partitions (shards) this member owns", m -> m.ownedPartitions);
        gauge("certeus.ingest.lag.max", "batches", "most batches waiting for the ledger job in any ingest lane this member owns",
                m -> m.lagMax());
        gauge("certeus.ingest.lag.total", "batches", "batches waiting for the ledger job over the ingest lanes this member owns",
                m -> m.lagTotal());
        gauge("certeus.ingest.lag.limit", "batches", "batches a lane may have waiting before its appends are refused "
                + "(certeus.ingest.max.pending.batches.per.lane)", m -> m.lagLimit);
        IngestRefusals refusals = MemberContext.of(member).ingestRefusals();
        refusalCounter(refusals, "lane_full", IngestRefusals::laneFull, "its ingest lane had the most batches allowed waiting");
        refusalCounter(refusals, "admission", IngestRefusals::admission, "an admission check (the PostgreSQL backlog) refused appends");
        gauge("certeus.durable.lag", "entries", "ledger entries of the shards this member owns that the newest anchor covers "
                + "but PostgreSQL does not hold yet (durable watermark lag; lags the chain by up to an anchor interval)",
                m -> m.durableLagEntries);
        gauge("certeus.scaling.ingest.rate", "events.per.second", "events per second the whole grid ingests, over the last "
                + RATE_WINDOW_MS / 1000 + " s (from the ledger job's ingest counters of every member)", m -> m.job.gridIngestRate());
        gauge("certeus.scaling.member.capacity", "events.per.second", "events per second one member sustains "
                + "(certeus.scaling.member.capacity.events.per.second)", m -> m.scaling.memberCapacityPerSecond());
        gauge("certeus.scaling.recommended.members", null, "members recommended for the current ingest rate: ceil(rate / "
                + "(capacity x target utilisation)), at least the majority of the configured size",
                m -> m.scaling.recommendedMembers(m.job.gridIngestRate()));
        for (String map : CERTEUS_MAPS) {
            long[] stats = new long[3];
            mapStats.put(map, stats);
            meters.add(Gauge.builder("certeus.map.entries", stats, s -> s[0]).tag("member", memberName).tag("map", map)
                    .description("entries of the map this member owns (primary copies)").strongReference(true).register(registry));
            meters.add(Gauge.builder("certeus.map.backup.entries", stats, s -> s[1]).tag("member", memberName).tag("map", map)
                    .description("backup entries of the map this member holds").strongReference(true).register(registry));
            meters.add(Gauge.builder("certeus.map.owned.memory", stats, s -> s[2]).tag("member", memberName).tag("map", map)
                    .baseUnit("bytes").description("memory cost of the map's entries this member owns")
                    .strongReference(true).register(registry));
        }
    }

    /**
     * Prometheus: {@code certeus_ingest_refused_batches_total{member, reason}}; the member context
     * holds the counts for the member's life, so the weak reference the counter keeps is enough.
     */
    private void refusalCounter(IngestRefusals refusals, String reason, ToDoubleFunction<IngestRefusals> count, String why) {
        meters.add(FunctionCounter.builder("certeus.ingest.refused.batches", refusals, count).tag("member", memberName)
                .tag("reason", reason).description("ingest batches this member refused (backpressure, retryable) because " + why)
                .register(registry));
    }

    private void gauge(String name, String baseUnit, String description, ToDoubleFunction<MemberMeters> value) {
        Gauge.Builder<MemberMeters> builder = Gauge.builder(name, this, value).tag("member", memberName).description(description)
                .strongReference(true);
        if (baseUnit != null) {
            builder.baseUnit(baseUnit);
        }
        meters.add(builder.register(registry));
    }

    private void registerChecks(MemberHealth health) {
        health.register(check("startup", () -> member.getUserContext().get(IngestBatchTask.GATE_INSTALLED_KEY) != null
                ? HealthCheck.Result.ok("ingest gate installed: appends accepted")
                : HealthCheck.Result.fail("ingest gate not installed yet (waiting for a majority or starting): appends refused")));
        health.register(check("cluster", () -> {
            int seen = member.getCluster().getMembers().size();
            String reason = "members=" + seen + ", configured=" + configuredSize + ", required=" + requiredMembers;
            return seen >= requiredMembers ? HealthCheck.Result.ok(seen < configuredSize ? reason + " (below configured size)" : reason)
                    : HealthCheck.Result.fail(reason + ": fewer members than a majority");
        }));
        health.register(check("majority", () -> configuredSize == 1 ? HealthCheck.Result.ok("split-brain protection off (size 1)")
                : ConfiguredMajority.present(member)
                        ? HealthCheck.Result.ok("majority heard: required=" + requiredMembers + " of " + configuredSize)
                : HealthCheck.Result.fail("no majority heard within the heartbeat tolerance: required=" + requiredMembers + " of "
                        + configuredSize + "; writes refused")));
        health.register(check("migrations", () -> {
            String stale = staleness();
            if (stale != null) {
                return HealthCheck.Result.fail(stale);
            }
            return clusterSafe ? HealthCheck.Result.ok("cluster safe: no migration pending, backups in sync")
                    : HealthCheck.Result.fail("cluster not safe: migrations or backup syncs pending");
        }));
        health.register(check("ledger-job", () -> {
            String stale = staleness();
            if (stale != null) {
                return HealthCheck.Result.fail(stale);
            }
            JobStatus status = job.status();
            String reason = "job=" + MapNames.LEDGER_JOB + ", status=" + (status == null ? "NOT_FOUND" : status);
            return status == JobStatus.RUNNING ? HealthCheck.Result.ok(reason) : HealthCheck.Result.fail(reason);
        }));
        health.register(check("ingest-lag", () -> {
            long max = lagMax();
            String reason = "maxBatchesInALane=" + max + ", limit=" + lagLimit + ", totalBatches=" + lagTotal();
            return max < lagLimit ? HealthCheck.Result.ok(reason) : HealthCheck.Result.fail(reason + ": a lane refuses appends");
        }));
    }

    private static HealthCheck check(String name, Supplier<HealthCheck.Result> result) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result check() {
                return result.get();
            }
        };
    }

    /** A reason when the last successful poll is too old, else {@code null}. */
    private String staleness() {
        long last = lastPollNs;
        if (last == 0) {
            return "not polled yet: " + lastPollError;
        }
        long ageMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - last);
        return ageMs > STALE_AFTER_MS ? "last poll " + ageMs + " ms ago: " + lastPollError : null;
    }

    private IngestLag lag() {
        return MemberContext.of(member).ingestLag();
    }

    /** Lane estimates come from IngestLag (this member samples the lanes it owns): cheap to read. */
    private long lagMax() {
        long max = 0;
        IngestLag lag = lag();
        for (int lane : ownedLanes()) {
            max = Math.max(max, lag.pendingEstimate(lane));
        }
        return max;
    }

    private long lagTotal() {
        long total = 0;
        IngestLag lag = lag();
        for (int lane : ownedLanes()) {
            total += lag.pendingEstimate(lane);
        }
        return total;
    }

    private List<Integer> ownedLanes() {
        List<Integer> lanes = new ArrayList<>(IngestLanes.LANE_COUNT);
        if (!member.getLifecycleService().isRunning()) {
            return lanes;
        }
        PartitionService partitions = member.getPartitionService();
        for (int lane = 0; lane < IngestLanes.LANE_COUNT; lane++) {
            var owner = partitions.getPartition(IngestLanes.partitionOf(lane)).getOwner();
            if (owner != null && owner.localMember()) {
                lanes.add(lane);
            }
        }
        return lanes;
    }

    private void pollSafely() {
        if (!member.getLifecycleService().isRunning()) {
            return;
        }
        try {
            poll();
            lastPollNs = System.nanoTime();
            lastPollError = "none";
        } catch (RuntimeException e) {
            lastPollError = e.toString();
            LOG.debug("certeus metrics: poll failed: member={}", memberName, e);
        }
    }

    /** One poll: the slow reads. Package-private for tests. */
    void poll() {
        PartitionService partitions = member.getPartitionService();
        int owned = 0;
        for (Partition partition : partitions.getPartitions()) {
            if (partition.getOwner() != null && partition.getOwner().localMember()) {
                owned++;
            }
        }
        ownedPartitions = owned;
        clusterSafe = partitions.isClusterSafe();
        pollLaneGauges();
        pollMaps();
        job.poll();
        pollDurableLag();
    }

    /** Per-lane lag gauges for the lanes this member owns now: 32 series over the grid, moving with their lane. */
    private void pollLaneGauges() {
        Set<Integer> owned = Set.copyOf(ownedLanes());
        laneGauges.entrySet().removeIf(entry -> {
            if (owned.contains(entry.getKey())) {
                return false;
            }
            registry.remove(entry.getValue());
            return true;
        });
        IngestLag lag = lag();
        for (int lane : owned) {
            laneGauges.computeIfAbsent(lane, l -> Gauge.builder("certeus.ingest.lag.lane", lag, g -> g.pendingEstimate(l))
                    .tag("member", memberName).tag("lane", Integer.toString(l)).baseUnit("batches")
                    .description("batches waiting for the ledger job in this ingest lane (shards of the lane), on its owner")
                    .strongReference(true).register(registry));
        }
    }

    private void pollMaps() {
        Map<String, IMap<?, ?>> existing = new HashMap<>();
        for (DistributedObject object : member.getDistributedObjects()) {
            // Only maps that exist: creating a map's proxy here would start its store.
            if (object instanceof IMap && mapStats.containsKey(object.getName())) {
                existing.put(object.getName(), (IMap<?, ?>) object);
            }
        }
        existing.forEach((name, map) -> {
            LocalMapStats stats = map.getLocalMapStats();
            long[] values = mapStats.get(name);
            values[0] = stats.getOwnedEntryCount();
            values[1] = stats.getBackupEntryCount();
            values[2] = stats.getOwnedEntryMemoryCost();
        });
    }

    private void pollDurableLag() {
        long sequence = job.anchorSequence();
        if (sequence < 0) {
            return;
        }
        IMap<Long, Anchor> anchors = member.getMap(MapNames.ANCHORS);
        Anchor newest = anchors.get(sequence);
        if (newest == null) {
            return;
        }
        long[] durable = DurableSizes.read(member.getMap(MapNames.DURABLE));
        long[] anchored = newest.shardSizes();
        PartitionService partitions = member.getPartitionService();
        long lagEntries = 0;
        for (int shard = 0; shard < anchored.length && shard < durable.length; shard++) {
            var owner = partitions.getPartition(shard).getOwner();
            if (owner != null && owner.localMember()) {
                lagEntries += Math.max(0, anchored[shard] - durable[shard]);
            }
        }
        durableLagEntries = lagEntries;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        job.close();
        meters.forEach(registry::remove);
        laneGauges.values().forEach(registry::remove);
    }
}
