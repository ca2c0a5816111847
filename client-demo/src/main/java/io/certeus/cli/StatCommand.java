package io.certeus.cli;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;
import io.certeus.core.MapNames;
import io.certeus.core.model.Anchor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code certeus stat}: the grid's CERTEUS counters, once or every few seconds. */
@Command(name = "stat", mixinStandardHelpOptions = true,
        description = "Print the grid's CERTEUS counters: members, partitions, job status, map sizes, newest anchor.")
public final class StatCommand implements Callable<Integer> {
    @Mixin
    GridOptions grid;

    @Option(names = "--watch", paramLabel = "SECONDS", description = "Repeat every SECONDS until interrupted (default: once).")
    int watchSeconds;

    @Override
    public Integer call() throws Exception {
        HazelcastInstance client = HazelcastClient.newHazelcastClient(grid.clientConfig());
        try (CerteusClient certeus = CerteusClient.using(client, ClientSettings.defaults())) {
            do {
                print(client, certeus);
                if (watchSeconds > 0) {
                    Thread.sleep(watchSeconds * 1000L); // the refresh period the user asked for
                }
            } while (watchSeconds > 0);
        } finally {
            client.shutdown();
        }
        return ExitCodes.OK;
    }

    private static void print(HazelcastInstance client, CerteusClient certeus) {
        Job job = client.getJet().getJob(MapNames.LEDGER_JOB);
        Anchor anchor = certeus.latestAnchor();
        System.out.printf("members=%d partitions=%d job=%s ingestPendingBatches=%d ledgerEntries=%d rejected=%d "
                        + "anchors=%d newestAnchor=%s%n",
                client.getCluster().getMembers().size(), client.getPartitionService().getPartitions().size(),
                job == null ? "NOT_SUBMITTED" : job.getStatus(), client.getMap(MapNames.INGEST).size(),
                client.getMap(MapNames.LEDGER).size(),
                client.getMap(MapNames.REJECTED).size(), client.getMap(MapNames.ANCHORS).size(),
                anchor == null ? "none" : anchor.sequence() + "@" + anchor.anchoredAtMicros());
    }
}
