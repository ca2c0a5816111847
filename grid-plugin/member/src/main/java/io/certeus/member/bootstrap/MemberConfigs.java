package io.certeus.member.bootstrap;

import com.hazelcast.config.ClasspathYamlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemYamlConfig;
import com.hazelcast.config.MapConfig;
import io.certeus.core.MapNames;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Loads the member configuration from {@code config/hazelcast.yaml} (a file, or the copy packaged on
 * the classpath as {@code certeus/hazelcast.yaml}) and applies the few overrides that embedded
 * grids need.
 *
 * <p>Thread-safe: stateless; each call returns a new {@link Config}.
 */
public final class MemberConfigs {
    public static final String CLASSPATH_MEMBER_YAML = "certeus/hazelcast.yaml";
    public static final String CLASSPATH_CLIENT_YAML = "certeus/hazelcast-client.yaml";

    private MemberConfigs() {
    }

    /** The packaged member config; {@code ${...}} variables resolve from {@code variables} then system properties. */
    public static Config fromClasspath(Properties variables) {
        return new ClasspathYamlConfig(CLASSPATH_MEMBER_YAML, merged(variables));
    }

    public static Config fromFile(Path yaml, Properties variables) {
        try {
            return new FileSystemYamlConfig(yaml.toFile(), merged(variables));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("member config not found: path=" + yaml.toAbsolutePath(), e);
        }
    }

    /**
     * Turns write-behind persistence off for the maps that have a MapStore: for grids without a
     * PostgreSQL (unit and shape tests).
     */
    public static Config withoutPersistence(Config config) {
        for (String name : new String[] {MapNames.LEDGER, MapNames.ANCHORS, MapNames.REJECTED}) {
            MapConfig mapConfig = config.getMapConfig(name);
            mapConfig.getMapStoreConfig().setEnabled(false);
        }
        return config;
    }

    private static Properties merged(Properties variables) {
        Properties all = new Properties();
        all.putAll(System.getProperties());
        all.putAll(variables);
        return all;
    }
}
