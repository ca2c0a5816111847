package io.certeus.core.settings;

import java.util.Map;
import java.util.Properties;

/**
 * Where settings come from: a {@code certeus.*} property (from {@code hazelcast.yaml} properties or
 * system properties), overridden by the environment variable of the same name in upper case with
 * dots as underscores ({@code certeus.pg.url} -> {@code CERTEUS_PG_URL}). Values are checked and
 * refused with the key and the allowed range, never silently replaced.
 *
 * <p>Thread-safe: immutable after construction.
 */
public final class SettingsSource {
    private final Properties properties;
    private final Map<String, String> environment;

    public SettingsSource(Properties properties, Map<String, String> environment) {
        this.properties = new Properties();
        this.properties.putAll(properties);
        this.environment = Map.copyOf(environment);
    }

    /** Properties as given, environment of this process. */
    public static SettingsSource of(Properties properties) {
        return new SettingsSource(properties, System.getenv());
    }

    /** System properties and the environment of this process. */
    public static SettingsSource system() {
        return new SettingsSource(System.getProperties(), System.getenv());
    }

    public static String environmentName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The raw value, or {@code null} when neither the environment nor the properties set it. */
    public String raw(String key) {
        String fromEnvironment = environment.get(environmentName(key));
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        String fromProperties = properties.getProperty(key);
        return fromProperties == null || fromProperties.isEmpty() ? null : fromProperties;
    }

    public String getString(String key, String defaultValue) {
        String value = raw(key);
        return value == null ? defaultValue : value.trim();
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException("setting is not a boolean: key=" + key + ", value=" + value);
        }
    }

    public int getInt(String key, int defaultValue, int min, int max) {
        long value = getLong(key, defaultValue, min, max);
        return (int) value;
    }

    public long getLong(String key, long defaultValue, long min, long max) {
        String raw = raw(key);
        long value;
        if (raw == null) {
            value = defaultValue;
        } else {
            try {
                value = Long.parseLong(raw.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting is not a whole number: key=" + key + ", value=" + raw, e);
            }
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("setting out of range: key=" + key + ", value=" + value
                    + ", allowed=[" + min + ", " + max + "]");
        }
        return value;
    }
}
