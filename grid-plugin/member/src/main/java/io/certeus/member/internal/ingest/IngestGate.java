package io.certeus.member.internal.ingest;

import com.hazelcast.config.EventJournalConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceImpl;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.recordstore.RecordStore;
import com.hazelcast.partition.Partition;
import com.hazelcast.spi.impl.NodeEngine;
import io.certeus.core.MapNames;
import io.certeus.core.protocol.IngestBatchTask;
import io.certeus.core.shard.IngestLanes;
import io.certeus.member.MemberContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The member side of appending: installs {@link IngestStampInterceptor} on the ingest map (stamp
 * {@code ingestedAt} once, refuse appends to a lagging lane) and runs a sampler that, every
 * {@link IngestSettings#sampleIntervalMs()}, reads the true number of waiting batches of each ingest
 * lane this member owns into {@link IngestLag}. The ledger job removes an ingest entry once it has
 * read it, so that count is the lane's lag.
 *
 * <p>One per member, kept in its {@link MemberContext}.
 *
 * <p>Thread-safe: {@link #install} is idempotent per member; the sampler runs on one daemon thread per member.
 */
public final class IngestGate {
    private static final Logger LOG = LoggerFactory.getLogger(IngestGate.class);

    private final HazelcastInstance member;
    private final IngestSettings settings;
    private final ScheduledExecutorService sampler;

    private IngestGate(HazelcastInstance member, IngestSettings settings) {
        this.member = member;
        this.settings = settings;
        this.sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "certeus-ingest-sampler-" + member.getName());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Installs the interceptor (cluster-wide, once) and starts this member's sampler. Checks that the
     * ingest journal can hold the allowed lag and refuses to start otherwise.
     */
    public static IngestGate install(HazelcastInstance member, IngestSettings settings) {
        String name = member.getName();
        return MemberContext.of(member).extension(IngestGate.class, () -> {
            EventJournalConfig journal = member.getConfig().getMapConfig(MapNames.INGEST).getEventJournalConfig();
            int partitions = member.getPartitionService().getPartitions().size();
            if (!journal.isEnabled()) {
                throw new IllegalStateException("ingest map has no event journal: map=" + MapNames.INGEST);
            }
            settings.checkJournal(journal.getCapacity(), partitions);
            member.getMap(MapNames.INGEST).addInterceptor(
                    new IngestStampInterceptor(member, settings.maxPendingBatchesPerLane(), settings.retryAfterMs()));
            IngestGate gate = new IngestGate(member, settings);
            gate.sampler.scheduleWithFixedDelay(gate::sampleSafely, 0, settings.sampleIntervalMs(), TimeUnit.MILLISECONDS);
            member.getLifecycleService().addLifecycleListener(event -> {
                if (event.getState() == com.hazelcast.core.LifecycleEvent.LifecycleState.SHUTTING_DOWN) {
                    gate.close();
                }
            });
            member.getUserContext().put(IngestBatchTask.GATE_INSTALLED_KEY, gate); // appends are accepted from now on
            LOG.info("certeus ingest: gate installed: member={}, maxPendingBatchesPerLane={}, journalCapacity={}, partitions={}",
                    name, settings.maxPendingBatchesPerLane(), journal.getCapacity(), partitions);
            return gate;
        });
    }

    /** Batches of {@code lane} waiting for the ledger job, as this member (if it owns the lane) last estimated. */
    public long pendingEstimate(int lane) {
        return lag().pendingEstimate(lane);
    }

    private IngestLag lag() {
        return MemberContext.of(member).ingestLag();
    }

    public IngestSettings settings() {
        return settings;
    }

    /** Samples now (also done periodically); visible for tests. */
    public void sampleNow() {
        NodeEngine nodeEngine = nodeEngine(member);
        MapService mapService = nodeEngine.getService(MapService.SERVICE_NAME);
        IngestLag lag = lag();
        for (Partition partition : member.getPartitionService().getPartitions()) {
            if (partition.getOwner() == null || !partition.getOwner().localMember()) {
                continue;
            }
            int id = partition.getPartitionId();
            if (id >= IngestLanes.LANE_COUNT) {
                continue; // lane n lives on partition n; no other partition holds ingest entries
            }
            int countedBefore = lag.appendsSinceSample(id); // read before the size: see IngestLag.recordSample
            RecordStore<?> store = mapService.getMapServiceContext().getExistingRecordStore(id, MapNames.INGEST);
            lag.recordSample(id, store == null ? 0 : store.size(), countedBefore);
        }
    }

    private void sampleSafely() {
        try {
            if (member.getLifecycleService().isRunning()) {
                sampleNow();
            }
        } catch (RuntimeException e) {
            LOG.warn("certeus ingest: lag sample failed: member={}", member.getName(), e);
        }
    }

    private void close() {
        sampler.shutdownNow();
    }

    private static NodeEngine nodeEngine(HazelcastInstance member) {
        HazelcastInstance original = member instanceof HazelcastInstanceProxy
                ? ((HazelcastInstanceProxy) member).getOriginal() : member;
        if (!(original instanceof HazelcastInstanceImpl)) {
            throw new IllegalStateException("ingest gate needs a member instance: type=" + member.getClass().getName());
        }
        return ((HazelcastInstanceImpl) original).node.getNodeEngine();
    }
}
