package io.certeus.testing;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.test.TestHazelcastFactory;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.test.HazelcastTestSupport;
import io.certeus.client.BackpressureException;
import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Members from the shipped config (no persistence, no ledger job auto-start; mock network), their
 * partitions assigned and migrated, with a CERTEUS client, and plain Hazelcast clients on demand,
 * for ITs that start the ledger job themselves or need none.
 *
 * <p>Not thread-safe: one test's fixture.
 */
public final class TestGridWithClient implements AutoCloseable {
    private static final String PIPELINE_AUTOSTART = "certeus.pipeline.autostart";

    private final TestHazelcastFactory factory = new TestHazelcastFactory();
    private final String cluster;
    private final List<HazelcastInstance> members = new ArrayList<>();
    private final CerteusClient certeus;

    /** {@code members} members; {@code properties} are set on each member's config over the shipped ones. */
    public TestGridWithClient(String clusterPrefix, int members, Map<String, String> properties) {
        cluster = TestGrids.uniqueClusterName(clusterPrefix);
        for (int i = 0; i < members; i++) {
            Config config = TestGrids.memberConfigWithoutPersistence(cluster);
            config.setProperty(PIPELINE_AUTOSTART, "false");
            properties.forEach(config::setProperty);
            this.members.add(factory.newHazelcastInstance(config));
        }
        // Partitions stay where they are during the test: assign them, then wait out the migrations.
        HazelcastTestSupport.warmUpPartitions(this.members.toArray(new HazelcastInstance[0]));
        HazelcastTestSupport.waitAllForSafeState(this.members);
        certeus = CerteusClient.using(factory.newHazelcastClient(TestGrids.clientConfig(cluster)), ClientSettings.defaults());
    }

    /** One member. */
    public TestGridWithClient(String clusterPrefix, Map<String, String> properties) {
        this(clusterPrefix, 1, properties);
    }

    public HazelcastInstance member() {
        return members.get(0);
    }

    public HazelcastInstance member(int index) {
        return members.get(index);
    }

    public CerteusClient certeus() {
        return certeus;
    }

    /** A client with Hazelcast's defaults only: no CERTEUS serializers, as anyone on the network could connect. */
    /**
     * Appends one-event batches to {@code lane} (each awaited) until it holds {@code limit}, the
     * member's {@code maxPendingBatchesPerLane}. The member's lag estimate may count an append that
     * lands while the lane is sampled twice until the next sample (it never counts low: IngestLag), so
     * the lane can be refused a batch early: that refusal also means it is full.
     */
    public void fillLane(int lane, int limit) throws Exception {
        for (int i = 0; i < limit; i++) {
            try {
                certeus.append(TestEvents.newUpdate(TestEvents.caseIdInLane(lane))).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof BackpressureException)) {
                    throw e;
                }
                return;
            }
        }
    }

    public HazelcastInstance newPlainClient() {
        ClientConfig config = new ClientConfig();
        config.setClusterName(cluster);
        return factory.newHazelcastClient(config);
    }

    @Override
    public void close() {
        certeus.close();
        factory.shutdownAll();
    }
}
