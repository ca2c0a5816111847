package io.certeus.core.settings;

import java.io.Serializable;
import java.util.Objects;

/**
 * One CERTEUS setting, declared once: key, environment variable, unit, default, allowed range and
 * what it means. Components read their settings through these declarations, so a range is written
 * in one place, and docs/SETTINGS.md is checked against them by a test.
 *
 * <p>Thread-safe: immutable.
 */
public final class Setting implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How the value is written. */
    public enum Kind {
        WHOLE_NUMBER,
        BOOLEAN,
        TEXT
    }

    private final String key;
    private final Kind kind;
    private final String unit;
    private final String defaultValue;
    private final long min;
    private final long max;
    private final String meaning;

    private Setting(String key, Kind kind, String unit, String defaultValue, long min, long max, String meaning) {
        this.key = Objects.requireNonNull(key, "key");
        this.kind = kind;
        this.unit = unit;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.meaning = Objects.requireNonNull(meaning, "meaning");
    }

    public static Setting wholeNumber(String key, String unit, long defaultValue, long min, long max, String meaning) {
        if (defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException("default out of its own range: key=" + key + ", default=" + defaultValue
                    + ", allowed=[" + min + ", " + max + "]");
        }
        return new Setting(key, Kind.WHOLE_NUMBER, unit, Long.toString(defaultValue), min, max, meaning);
    }

    public static Setting bool(String key, boolean defaultValue, String meaning) {
        return new Setting(key, Kind.BOOLEAN, "boolean", Boolean.toString(defaultValue), 0, 1, meaning);
    }

    /** {@code defaultValue} may be {@code null}: no default. */
    public static Setting text(String key, String defaultValue, String meaning) {
        return new Setting(key, Kind.TEXT, "", defaultValue, 0, 0, meaning);
    }

    public long readLong(SettingsSource source) {
        requireKind(Kind.WHOLE_NUMBER);
        return source.getLong(key, Long.parseLong(defaultValue), min, max);
    }

    /** As {@link #readLong}, for a range that fits an int. */
    public int readInt(SettingsSource source) {
        return Math.toIntExact(readLong(source));
    }

    /** As {@link #readLong}, with a lower bound that depends on another setting. */
    public long readLong(SettingsSource source, long atLeast) {
        requireKind(Kind.WHOLE_NUMBER);
        return source.getLong(key, Long.parseLong(defaultValue), Math.max(min, atLeast), max);
    }

    /** {@code value} when it is in range; refused with the key and the allowed range otherwise (values built in code). */
    public long requireInRange(long value) {
        requireKind(Kind.WHOLE_NUMBER);
        if (value < min || value > max) {
            throw new IllegalArgumentException("setting out of range: key=" + key + ", value=" + value + ", allowed=[" + min + ", "
                    + max + "]");
        }
        return value;
    }

    public boolean readBoolean(SettingsSource source) {
        requireKind(Kind.BOOLEAN);
        return source.getBoolean(key, Boolean.parseBoolean(defaultValue));
    }

    public String readText(SettingsSource source) {
        requireKind(Kind.TEXT);
        return source.getString(key, defaultValue);
    }

    public String key() {
        return key;
    }

    public String environmentName() {
        return SettingsSource.environmentName(key);
    }

    public Kind kind() {
        return kind;
    }

    public String unit() {
        return unit;
    }

    /** The default as written in settings, or {@code null} when there is none. */
    public String defaultValue() {
        return defaultValue;
    }

    public long defaultLong() {
        requireKind(Kind.WHOLE_NUMBER);
        return Long.parseLong(defaultValue);
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    public String meaning() {
        return meaning;
    }

    private void requireKind(Kind expected) {
        if (kind != expected) {
            throw new IllegalStateException("setting read as another kind: key=" + key + ", kind=" + kind + ", readAs=" + expected);
        }
    }

    @Override
    public String toString() {
        return key + "=" + defaultValue;
    }
}
