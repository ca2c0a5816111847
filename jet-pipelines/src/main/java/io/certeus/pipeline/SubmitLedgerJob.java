package io.certeus.pipeline;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import io.certeus.core.settings.SettingsSource;

/**
 * Main-Class of the jet-pipelines jar for {@code hz-cli submit}: starts the ledger job unless it is
 * already running. Settings come from {@code -Dcerteus.pipeline.*} system properties and
 * {@code CERTEUS_PIPELINE_*} environment variables of the submitting process.
 *
 * <p>Thread-safe: run once from {@code main}.
 */
public final class SubmitLedgerJob {
    private SubmitLedgerJob() {
    }

    public static void main(String[] args) {
        HazelcastInstance instance = Hazelcast.bootstrappedInstance();
        PipelineSettings settings = PipelineSettings.from(SettingsSource.system());
        Job job = LedgerJobs.startIfAbsent(instance, settings);
        System.out.println("certeus ledger job: name=" + job.getName() + ", id=" + job.getIdString() + ", status=" + job.getStatus());
    }
}
