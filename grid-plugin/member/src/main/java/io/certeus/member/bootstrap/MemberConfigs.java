package io.certeus.member.bootstrap;

import com.hazelcast.config.ClasspathYamlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemYamlConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import io.certeus.core.MapNames;
import io.certeus.core.settings.SettingsSource;
import io.certeus.member.ConfiguredMajority;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Loads the member configuration from {@code config/hazelcast.yaml} (a file, or the copy packaged on
 * the classpath as {@code certeus/hazelcast.yaml}) and applies the few overrides that embedded
 * grids need; split-brain protection is off when {@code certeus.cluster.size} is 1.
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
        return withClusterSize(new ClasspathYamlConfig(CLASSPATH_MEMBER_YAML, merged(variables)));
    }

    public static Config fromFile(Path yaml, Properties variables) {
        try {
            return withClusterSize(new FileSystemYamlConfig(yaml.toFile(), merged(variables)));
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

    /**
     * With {@code certeus.cluster.size} 1 the split-brain protection can never trip: it is switched
     * off here rather than left to answer "present" once a second, because until its first answer
     * (one heartbeat interval after start) Hazelcast refuses every write to the protected maps.
     */
    private static Config withClusterSize(Config config) {
        SettingsSource settings = SettingsSource.of(config.getProperties());
        SplitBrainProtectionConfig protection = config.getSplitBrainProtectionConfigs().get(ConfiguredMajority.PROTECTION_NAME);
        if (protection != null && ConfiguredMajority.CLUSTER_SIZE_SETTING.readInt(settings) == 1) {
            protection.setEnabled(false);
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
