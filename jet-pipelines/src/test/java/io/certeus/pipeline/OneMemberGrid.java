package io.certeus.pipeline;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.test.TestHazelcastFactory;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;
import io.certeus.testing.TestGrids;

import java.util.Map;

/**
 * One member from the shipped config (no persistence, no job auto-start; mock network) with a
 * CERTEUS client, and plain Hazelcast clients on demand, for ITs that start the ledger job themselves.
 *
 * <p>Not thread-safe: one test's fixture.
 */
final class OneMemberGrid implements AutoCloseable {
    private final TestHazelcastFactory factory = new TestHazelcastFactory();
    private final String cluster;
    private final HazelcastInstance member;
    private final CerteusClient certeus;

    /** {@code properties} are set on the member config over the shipped ones. */
    OneMemberGrid(String clusterPrefix, Map<String, String> properties) {
        cluster = TestGrids.uniqueClusterName(clusterPrefix);
        Config config = TestGrids.memberConfigWithoutPersistence(cluster);
        config.setProperty(PipelineSettings.AUTOSTART, "false");
        properties.forEach(config::setProperty);
        member = factory.newHazelcastInstance(config);
        certeus = CerteusClient.using(factory.newHazelcastClient(TestGrids.clientConfig(cluster)), ClientSettings.defaults());
    }

    HazelcastInstance member() {
        return member;
    }

    CerteusClient certeus() {
        return certeus;
    }

    /** A client with Hazelcast's defaults only: no CERTEUS serializers, as anyone on the network could connect. */
    HazelcastInstance newPlainClient() {
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
