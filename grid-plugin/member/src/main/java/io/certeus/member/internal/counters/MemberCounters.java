package io.certeus.member.internal.counters;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import io.certeus.core.shard.IngestLanes;
import io.certeus.member.ConfiguredMajority;
import io.certeus.member.MemberContext;
import io.certeus.member.internal.ingest.IngestGate;
import io.certeus.member.internal.ingest.IngestLag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A member's counters file kept current: once a second a local sampler copies what the member
 * knows by itself (stage totals, store meters, ingest lag, refusals, cluster view) into the file and
 * then writes the heartbeat; a second sampler reads what needs the grid (newest anchor, durable lag,
 * job status), so a grid operation that hangs never stops the heartbeat. Gauges are sampled rather
 * than written on the hot path: the hot paths live in other modules, which must not depend on this.
 *
 * <p>One per member, in its {@link MemberContext}. Thread-safe: each counter has one writer (one of
 * the two sampler threads); {@link #close} stops both before unmapping the file.
 */
public final class MemberCounters implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MemberCounters.class);
    static final long SAMPLE_INTERVAL_MS = 1_000;
    private static final long STOP_TIMEOUT_MS = 2_000;

    private final HazelcastInstance member;
    private final CountersFile file;
    private final JetStageTotals stageTotals;
    private final MemberMeterReadings meters;
    private final GridReadings grid;
    private final ScheduledExecutorService localSampler;
    private final ScheduledExecutorService gridSampler;
    /** Sources whose failure was logged at WARN; later ones go to DEBUG so a broken source does not flood the log. */
    private final Set<Source> warned = EnumSet.noneOf(Source.class);
    private final Set<Source> gridWarned = EnumSet.noneOf(Source.class);

    private enum Source {
        STAGES, METERS, INGEST, ADMISSION, CLUSTER, ANCHOR, DURABLE, JOB
    }

    private MemberCounters(HazelcastInstance member, CountersFile file) {
        this.member = member;
        this.file = file;
        this.stageTotals = JetStageTotals.of(member);
        this.meters = new MemberMeterReadings(member.getName());
        this.grid = new GridReadings(member);
        this.localSampler = sampler("certeus-counters-" + member.getName());
        this.gridSampler = sampler("certeus-counters-grid-" + member.getName());
    }

    /** Creates {@code member}'s counters file in {@code directory} and starts sampling into it. */
    public static MemberCounters start(HazelcastInstance member, Path directory) {
        CountersFile file = CountersFile.create(directory, member.getName(),
                member.getCluster().getLocalMember().getUuid().toString(), ProcessHandle.current().pid(), System.currentTimeMillis());
        MemberCounters counters;
        try {
            counters = new MemberCounters(member, file);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
        counters.localSampler.scheduleAtFixedRate(counters::sampleLocal, 0, SAMPLE_INTERVAL_MS, TimeUnit.MILLISECONDS);
        counters.gridSampler.scheduleWithFixedDelay(counters::sampleGrid, 0, SAMPLE_INTERVAL_MS, TimeUnit.MILLISECONDS);
        return counters;
    }

    public Path path() {
        return file.path();
    }

    private void sampleLocal() {
        if (!member.getLifecycleService().isRunning()) {
            return;
        }
        sample(warned, Source.STAGES, () -> {
            stageTotals.sample();
            for (CerteusCounter counter : JetStageTotals.METRICS.values()) {
                set(counter, stageTotals.total(counter));
            }
        });
        sample(warned, Source.METERS, () -> {
            set(CerteusCounter.ROWS_STORED, meters.ledgerRowsStored());
            set(CerteusCounter.DIRTY_ENTRIES, meters.ledgerDirtyEntries());
        });
        sample(warned, Source.INGEST, this::sampleIngestLag);
        sample(warned, Source.ADMISSION, () -> {
            set(CerteusCounter.ADMISSION_REFUSING, MemberContext.of(member).admissionChecks().firstRefusal() == null ? 0 : 1);
            set(CerteusCounter.BATCHES_REFUSED, MemberContext.of(member).ingestRefusals().total());
        });
        sample(warned, Source.CLUSTER, () -> {
            set(CerteusCounter.CLUSTER_MEMBERS, member.getCluster().getMembers().size());
            set(CerteusCounter.MAJORITY, ConfiguredMajority.present(member) ? 1 : 0);
        });
        file.heartbeat(System.currentTimeMillis());
    }

    /** The most batches waiting in an owned lane, and how many owned lanes are at the limit (refusing). */
    private void sampleIngestLag() {
        IngestGate gate = MemberContext.of(member).extensionIfPresent(IngestGate.class);
        if (gate == null) {
            set(CerteusCounter.INGEST_LAG_MAX, CerteusCounter.NOT_AVAILABLE);
            set(CerteusCounter.LANES_REFUSING, CerteusCounter.NOT_AVAILABLE);
            return;
        }
        IngestLag lag = MemberContext.of(member).ingestLag();
        int limit = gate.settings().maxPendingBatchesPerLane();
        long max = 0;
        long refusing = 0;
        for (Partition partition : member.getPartitionService().getPartitions()) {
            int lane = partition.getPartitionId();
            if (lane < IngestLanes.LANE_COUNT && partition.getOwner() != null && partition.getOwner().localMember()) {
                long pending = lag.pendingEstimate(lane);
                max = Math.max(max, pending);
                refusing += pending >= limit ? 1 : 0;
            }
        }
        set(CerteusCounter.INGEST_LAG_MAX, max);
        set(CerteusCounter.LANES_REFUSING, refusing);
    }

    private void sampleGrid() {
        if (!member.getLifecycleService().isRunning()) {
            return;
        }
        sample(gridWarned, Source.ANCHOR, () -> set(CerteusCounter.NEWEST_ANCHOR, grid.newestAnchorSequence()));
        sample(gridWarned, Source.DURABLE, () -> set(CerteusCounter.DURABLE_LAG, grid.durableLag()));
        sample(gridWarned, Source.JOB, () -> set(CerteusCounter.JOB_RUNNING, grid.jobRunning()));
    }

    private void set(CerteusCounter counter, long value) {
        file.counter(counter).setRelease(value);
    }

    /** Runs one source's sample; a failure leaves its counters as they were and never stops the others. */
    private void sample(Set<Source> warnedSources, Source source, Runnable read) {
        try {
            read.run();
        } catch (RuntimeException e) {
            if (!member.getLifecycleService().isRunning()) {
                return;
            }
            if (warnedSources.add(source)) {
                LOG.warn("certeus counters: sample failed (further failures of this source at DEBUG): member={}, source={}",
                        member.getName(), source, e);
            } else {
                LOG.debug("certeus counters: sample failed: member={}, source={}", member.getName(), source, e);
            }
        }
    }

    /**
     * Stops both samplers, then unmaps and deletes the file. A sampler that does not stop in time keeps
     * the mapping (unmapping under a writer would crash the JVM); the file is deleted all the same.
     */
    @Override
    public void close() {
        boolean stopped = stop(localSampler) & stop(gridSampler);
        meters.close();
        if (stopped) {
            file.close();
            return;
        }
        LOG.warn("certeus counters: sampler did not stop, file deleted but left mapped: member={}, file={}", member.getName(),
                file.path());
        file.deleteLeavingMapped();
    }

    private static boolean stop(ExecutorService sampler) {
        sampler.shutdownNow();
        try {
            return sampler.awaitTermination(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ScheduledExecutorService sampler(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }
}
