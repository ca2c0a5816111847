package io.certeus.cli;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import io.certeus.core.settings.SettingsSource;
import io.certeus.pipeline.LedgerJobs;
import io.certeus.pipeline.PipelineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code certeus submit}: starts the ledger job on a running grid unless it already runs. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit the six-stage ledger job to a running grid (no-op when it already runs). "
                + "Pipeline settings come from certeus.* system properties and CERTEUS_* environment variables.")
public final class SubmitCommand implements Callable<Integer> {
    @Mixin
    GridOptions grid;

    @Override
    public Integer call() {
        HazelcastInstance client = HazelcastClient.newHazelcastClient(grid.clientConfig());
        try {
            Job job = LedgerJobs.startIfAbsent(client, PipelineSettings.from(SettingsSource.system()));
            System.out.printf("certeus: job %s id=%s status=%s%n", job.getName(), job.getIdString(), job.getStatus());
            return ExitCodes.OK;
        } finally {
            client.shutdown();
        }
    }
}
