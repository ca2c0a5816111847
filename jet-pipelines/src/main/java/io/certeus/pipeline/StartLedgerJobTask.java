package io.certeus.pipeline;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.jet.Job;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Runs on a member: {@link LedgerJobs#startIfAbsent} there, so a job submitted from a client (the
 * CLI's {@code submit}, {@code hz-cli submit}) is seeded like one a member starts, from the maps and
 * the member's archive (PostgreSQL) that a client cannot read. Answers the job's id.
 *
 * <p>Not thread-safe: one instance per submission.
 */
final class StartLedgerJobTask implements Callable<Long>, HazelcastInstanceAware, Serializable {
    private static final long serialVersionUID = 1L;

    private final PipelineSettings settings;
    private transient HazelcastInstance member;

    StartLedgerJobTask(PipelineSettings settings) {
        this.settings = settings;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public Long call() {
        Job job = LedgerJobs.startIfAbsent(member, settings);
        return job.getId();
    }
}
