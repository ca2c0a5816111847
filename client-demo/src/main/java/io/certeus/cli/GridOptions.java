package io.certeus.cli;

import com.hazelcast.client.config.ClientClasspathYamlConfig;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;
import io.certeus.member.bootstrap.MemberConfigs;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How a command reaches a running grid: the client YAML (the packaged
 * {@code config/hazelcast-client.yaml} unless given) with optional overrides, and how long to wait.
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

    @Option(names = "--timeout-ms", paramLabel = "MS", description = "Longest wait for the grid (default: ${DEFAULT-VALUE}).")
    long timeoutMs = 60_000;

    /** A {@link CerteusClient} on this grid with the command's timeout; the caller closes it. */
    public CerteusClient openClient() {
        return openClient(ClientSettings.builder());
    }

    /** As {@link #openClient()}, starting from {@code settings} (the command's timeout overrides its append and receipt timeouts). */
    public CerteusClient openClient(ClientSettings.Builder settings) {
        return CerteusClient.connect(clientConfig(), settings
                .receiptTimeoutMs(timeoutMs)
                .appendTimeoutMs(timeoutMs)
                .build());
    }

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
