package io.certeus.member.internal.counters;

import io.certeus.core.settings.Setting;
import io.certeus.core.settings.SettingsSource;

import java.nio.file.Path;

/**
 * Where members keep their counters files ({@code certeus.counters.dir}), read by the member and by
 * {@code certeus top}, which must agree on the directory.
 *
 * <p>Thread-safe: constants and pure functions only.
 */
public final class CountersSettings {
    public static final String DIR = "certeus.counters.dir";
    /** Written into the default literally, replaced by the JVM's temporary directory when read. */
    public static final String TMPDIR_PLACEHOLDER = "${java.io.tmpdir}";
    public static final Setting DIR_SETTING = Setting.text(DIR, TMPDIR_PLACEHOLDER + "/certeus-counters",
            "directory of the members' counters files (one memory-mapped file per member, read by `certeus top`)");

    private CountersSettings() {
    }

    /** The directory {@code settings} name, with {@value #TMPDIR_PLACEHOLDER} resolved. */
    public static Path directory(SettingsSource settings) {
        return resolve(DIR_SETTING.readText(settings));
    }

    /** {@code configured} as a path, {@value #TMPDIR_PLACEHOLDER} replaced by {@code java.io.tmpdir}. */
    public static Path resolve(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException("counters directory empty: key=" + DIR);
        }
        return Path.of(configured.replace(TMPDIR_PLACEHOLDER, System.getProperty("java.io.tmpdir")));
    }
}
