package io.certeus.cli;

import com.hazelcast.client.config.ClientClasspathYamlConfig;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import io.certeus.grid.bootstrap.MemberConfigs;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How a command reaches a running grid: the client YAML (the packaged
 * {@code config/hazelcast-client.yaml} unless given) with optional overrides.
 *
 * <p>Not thread-safe: filled by picocli, read once.
 */
public final class GridOptions {
    @Option(names = "--client-config", paramLabel = "YAML", description = "Client config file (default: the packaged hazelcast-client.yaml).")
    Path clientConfig;

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "Cluster name (default: from the client config, 'certeus').")
    String clusterName;

    @Option(names = "--address", paramLabel = "HOST:PORT", split = ",", description = "Member addresses (default: from the client config).")
    List<String> addresses;

    public ClientConfig clientConfig() {
        ClientConfig config;
        if (clientConfig == null) {
            config = new ClientClasspathYamlConfig(MemberConfigs.CLASSPATH_CLIENT_YAML);
        } else {
            try {
                config = new YamlClientConfigBuilder(clientConfig.toFile()).build();
            } catch (IOException e) {
                throw new UncheckedIOException("client config not readable: path=" + clientConfig, e);
            }
        }
        if (clusterName != null) {
            config.setClusterName(clusterName);
        }
        if (addresses != null && !addresses.isEmpty()) {
            config.getNetworkConfig().setAddresses(addresses);
        }
        return config;
    }
}
