package io.certeus.testing;

import com.hazelcast.client.config.ClientClasspathYamlConfig;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import io.certeus.member.bootstrap.MemberConfigs;

import java.util.Properties;
import java.util.UUID;

/**
 * Member and client configs for tests: the shipped YAML, a cluster name of the test's own so
 * concurrent test JVMs never join each other, and no PostgreSQL unless a test asks for it.
 *
 * <p>Thread-safe: stateless.
 */
public final class TestGrids {
    private TestGrids() {
    }

    public static String uniqueClusterName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The shipped member config (1000 partitions, Jet on) without write-behind persistence. */
    public static Config memberConfigWithoutPersistence(String clusterName) {
        Config config = MemberConfigs.withoutPersistence(MemberConfigs.fromClasspath(new Properties()));
        config.setClusterName(clusterName);
        return config;
    }

    public static ClientConfig clientConfig(String clusterName) {
        ClientConfig config = new ClientClasspathYamlConfig(MemberConfigs.CLASSPATH_CLIENT_YAML);
        config.setClusterName(clusterName);
        return config;
    }
}
