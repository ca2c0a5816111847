package io.certeus.member;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import io.certeus.core.settings.Setting;
import io.certeus.core.settings.SettingsSource;
import io.certeus.core.shard.Shards;
import io.certeus.member.internal.ingest.IngestGate;
import io.certeus.member.internal.ingest.IngestSettings;
import io.certeus.member.internal.metrics.MemberHealth;
import io.certeus.member.internal.metrics.MemberMeters;
import io.certeus.member.internal.metrics.PrometheusEndpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The member-side entry point of CERTEUS, listed under {@code listeners} in {@code hazelcast.yaml}.
 * When the member has started it checks the grid shape CERTEUS relies on, installs the
 * {@link IngestGate} (ingest stamping and backpressure), and runs every {@link MemberStartupHook} on
 * the classpath on a thread of its own, so member start-up never waits for them. Where writes need
 * a majority ({@link ConfiguredMajority}) that thread first waits for it, then installs the gate.
 *
 * <p>Thread-safe: Hazelcast injects the instance once, then calls {@link #stateChanged} from its
 * lifecycle thread.
 */
public final class CerteusMemberPlugin implements LifecycleListener, HazelcastInstanceAware {
    private static final Logger LOG = LoggerFactory.getLogger(CerteusMemberPlugin.class);
    public static final String METRICS_PORT = "certeus.metrics.port";
    public static final Setting METRICS_PORT_SETTING = Setting.wholeNumber(METRICS_PORT, "TCP port", 0, 0, 65_535,
            "first port of the member's Prometheus endpoint for its CERTEUS meters; 0 serves none");

    /** Prometheus: {@code certeus_cluster_members{member}}. */
    static final String CLUSTER_MEMBERS_METER = "certeus.cluster.members";

    private volatile HazelcastInstance member;

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public void stateChanged(LifecycleEvent event) {
        if (event.getState() != LifecycleEvent.LifecycleState.STARTED || member == null) {
            return;
        }
        HazelcastInstance started = member;
        int partitions = started.getPartitionService().getPartitions().size();
        if (partitions != Shards.SHARD_COUNT) {
            LOG.error("certeus: partition count must be {} (hazelcast.partition.count), found partitions={}; "
                    + "shards will not match case ids", Shards.SHARD_COUNT, partitions);
        }
        SettingsSource settings = SettingsSource.of(started.getConfig().getProperties());
        // Every event must be stamped at ingest, so the gate is in place before start-up hooks (such
        // as the job's autostart) run: on this thread, or, where writes need a majority (installing
        // it is one), on the start-up thread once the majority is there; until then appends are
        // refused either way (IngestBatchTask, split-brain protection).
        boolean waitsForMajority = ConfiguredMajority.isActive(started);
        if (!waitsForMajority) {
            installGate(started, settings);
        }
        int metricsPort = METRICS_PORT_SETTING.readInt(settings);
        PrometheusEndpoint endpoint = MemberContext.of(started).extension(PrometheusEndpoint.class,
                () -> PrometheusEndpoint.start(started.getName(), started.getCluster().getLocalMember().getAddress().getHost(),
                        metricsPort));
        Gauge clusterMembers = Gauge.builder(CLUSTER_MEMBERS_METER, started, hz -> hz.getLifecycleService().isRunning()
                        ? hz.getCluster().getMembers().size() : Double.NaN)
                .tag("member", started.getName())
                .description("members in the cluster as this member sees it (a split shows as sides of different sizes)")
                .register(Metrics.globalRegistry);
        started.getLifecycleService().addLifecycleListener(stopping -> {
            if (stopping.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                Metrics.globalRegistry.remove(clusterMembers);
            }
        });
        if (endpoint != null) {
            // Meters, the job's stage metrics and health checks (polled, never on the scrape thread);
            // only with an endpoint: nobody reads them otherwise.
            MemberMeters memberMeters = startMeters(started, settings);
            AtomicBoolean live = new AtomicBoolean(true);
            endpoint.serveHealth(MemberHealth.of(started), () -> live.get() && started.getLifecycleService().isRunning());
            started.getLifecycleService().addLifecycleListener(stopping -> {
                if (stopping.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                    live.set(false);
                    if (memberMeters != null) {
                        memberMeters.close();
                    }
                    endpoint.close();
                }
            });
        }
        Thread runner = new Thread(() -> {
            if (waitsForMajority) {
                if (!ConfiguredMajority.await(started)) {
                    return;
                }
                installGate(started, settings);
            }
            runHooks(started, settings);
        }, "certeus-startup-hooks");
        runner.setDaemon(true);
        runner.start();
    }

    private static MemberMeters startMeters(HazelcastInstance started, SettingsSource settings) {
        try {
            return MemberMeters.start(started, settings, Metrics.globalRegistry);
        } catch (RuntimeException e) {
            LOG.error("certeus metrics: member meters NOT started (metrics never stop a member): member={}", started.getName(), e);
            return null;
        }
    }

    private static void installGate(HazelcastInstance started, SettingsSource settings) {
        try {
            IngestGate.install(started, IngestSettings.from(settings));
        } catch (RuntimeException e) {
            LOG.error("certeus: ingest gate NOT installed, appends will not be stamped and will be rejected: member={}",
                    started.getName(), e);
        }
    }

    private static void runHooks(HazelcastInstance started, SettingsSource settings) {
        for (MemberStartupHook hook : ServiceLoader.load(MemberStartupHook.class, CerteusMemberPlugin.class.getClassLoader())) {
            try {
                hook.onMemberStarted(started, settings);
                LOG.info("certeus: startup hook done: hook={}, member={}", hook.name(), started.getName());
            } catch (Exception e) {
                LOG.error("certeus: startup hook failed: hook={}, member={}", hook.name(), started.getName(), e);
            }
        }
    }
}
