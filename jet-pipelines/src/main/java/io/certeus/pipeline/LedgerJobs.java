package io.certeus.pipeline;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import io.certeus.core.MapNames;
import io.certeus.core.retry.Backoff;
import io.certeus.core.retry.Poll;
import io.certeus.pipeline.stage.ChainSeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the ledger job at most once per cluster: returns the running job of that name if there is
 * one, otherwise submits with {@code newJobIfAbsent}, which also settles races between members.
 * A job submitted here is fresh (no snapshot), so it is seeded with the ledger's current heads and
 * anchor tip ({@link ChainSeedReader}) and continues the existing chains instead of restarting them
 * at position 0. If another member's submission wins the race, this seed is discarded.
 *
 * <p>Thread-safe: stateless.
 */
public final class LedgerJobs {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerJobs.class);
    private static final long SAFE_CLUSTER_WAIT_SECONDS = 120;
    private static final Backoff SAFE_CLUSTER_POLL = Backoff.fixed(100);
    /** The executor a client's submission runs on, on a member. */
    private static final String SUBMIT_EXECUTOR = "certeus-job-submission";

    private LedgerJobs() {
    }

    /**
     * The running ledger job, started now if it was not running. From a client, a member starts it
     * ({@link StartLedgerJobTask}): only a member can read the seed's archive, and a job seeded
     * without it would restart every chain at position 0 after a full-grid restart.
     */
    public static Job startIfAbsent(HazelcastInstance instance, PipelineSettings settings) {
        if (!(instance.getLocalEndpoint() instanceof Member)) {
            return startOnAMember(instance, settings);
        }
        Job existing = instance.getJet().getJob(MapNames.LEDGER_JOB);
        if (existing != null && !existing.getStatus().isTerminal()) {
            LOG.info("certeus pipeline: ledger job already running: job={}, id={}, status={}", MapNames.LEDGER_JOB,
                    existing.getIdString(), existing.getStatus());
            return existing;
        }
        awaitSafeCluster(instance);
        ChainSeed seed = ChainSeedReader.read(instance);
        Job job = instance.getJet().newJobIfAbsent(LedgerPipeline.forGrid(settings, seed), LedgerPipeline.jobConfig(settings));
        LOG.info("certeus pipeline: ledger job submitted or found: job={}, id={}, settings={}", MapNames.LEDGER_JOB,
                job.getIdString(), settings);
        return job;
    }

    private static Job startOnAMember(HazelcastInstance client, PipelineSettings settings) {
        long jobId;
        try {
            jobId = client.getExecutorService(SUBMIT_EXECUTOR).submit(new StartLedgerJobTask(settings))
                    .get(SAFE_CLUSTER_WAIT_SECONDS + 60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("certeus pipeline: interrupted while a member started the ledger job", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("certeus pipeline: a member could not start the ledger job: reason=" + e, e);
        }
        Job job = client.getJet().getJob(jobId);
        LOG.info("certeus pipeline: ledger job started or found by a member for this client: job={}, id={}", MapNames.LEDGER_JOB,
                job == null ? jobId : job.getIdString());
        return job;
    }

    /**
     * On a member: wait until every partition has its owner and backups. The job processes nothing
     * until its first snapshot, and snapshots written during the initial migrations time out on
     * backups, so a job submitted into a forming grid can sit idle for minutes.
     */
    static void awaitSafeCluster(HazelcastInstance instance) {
        try {
            instance.getPartitionService().getPartition(0).getOwner(); // triggers the initial assignment
            Poll.until("cluster safe", SAFE_CLUSTER_POLL, TimeUnit.SECONDS.toMillis(SAFE_CLUSTER_WAIT_SECONDS),
                    () -> instance.getPartitionService().isClusterSafe());
        } catch (TimeoutException e) {
            LOG.warn("certeus pipeline: cluster not safe after {} s, submitting anyway", SAFE_CLUSTER_WAIT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("certeus pipeline: interrupted while waiting for a safe cluster, submitting anyway");
        }
    }
}
