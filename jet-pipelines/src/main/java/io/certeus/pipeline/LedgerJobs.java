package io.certeus.pipeline;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import io.certeus.grid.MapNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the ledger job at most once per cluster: returns the running job of that name if there is
 * one, otherwise submits with {@code newJobIfAbsent}, which also settles races between members.
 *
 * <p>Thread-safe: stateless.
 */
public final class LedgerJobs {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerJobs.class);

    private LedgerJobs() {
    }

    /** The running ledger job, started now if it was not running. */
    public static Job startIfAbsent(HazelcastInstance instance, PipelineSettings settings) {
        Job existing = instance.getJet().getJob(MapNames.LEDGER_JOB);
        if (existing != null && !existing.getStatus().isTerminal()) {
            LOG.info("certeus pipeline: ledger job already running: job={}, id={}, status={}", MapNames.LEDGER_JOB,
                    existing.getIdString(), existing.getStatus());
            return existing;
        }
        Job job = instance.getJet().newJobIfAbsent(LedgerPipeline.forGrid(settings), LedgerPipeline.jobConfig(settings));
        LOG.info("certeus pipeline: ledger job submitted or found: job={}, id={}, settings={}", MapNames.LEDGER_JOB,
                job.getIdString(), settings);
        return job;
    }
}
