package io.certeus.cli.docs;

import io.certeus.core.settings.Setting;
import io.certeus.member.CerteusMemberPlugin;
import io.certeus.member.ConfiguredMajority;
import io.certeus.member.internal.counters.CountersSettings;
import io.certeus.member.internal.ingest.IngestSettings;
import io.certeus.pipeline.PipelineSettings;
import io.certeus.postgres.PostgresSettings;
import io.certeus.testing.RepoFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/SETTINGS.md against the settings declared in code: every declared key has one row with the
 * declared default and upper bound, and every {@code certeus.*} row is a declared key. Changing a
 * default or a range in code without the docs (or the other way round) fails here.
 */
class SettingsDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(certeus\\.[a-z0-9.]+)` \\|(.*)$");

    private static List<Setting> declared() {
        List<Setting> all = new ArrayList<>();
        all.add(CerteusMemberPlugin.METRICS_PORT_SETTING);
        all.add(ConfiguredMajority.CLUSTER_SIZE_SETTING);
        all.add(ConfiguredMajority.HEARTBEAT_TOLERANCE_MS_SETTING);
        all.add(CountersSettings.DIR_SETTING);
        all.addAll(IngestSettings.DECLARED);
        all.addAll(PipelineSettings.DECLARED);
        all.addAll(PostgresSettings.DECLARED);
        all.addAll(io.certeus.member.internal.metrics.ScalingAdvice.DECLARED);
        return all;
    }

    /** Key -> the row's remaining cells: unit, default, range, meaning. */
    private static Map<String, String[]> rows() throws IOException {
        Map<String, String[]> rows = new HashMap<>();
        for (String line : Files.readAllLines(RepoFiles.path("docs", "SETTINGS.md"), StandardCharsets.UTF_8)) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                String[] cells = row.group(2).split("\\|");
                assertThat(rows.put(row.group(1), cells)).as("one row per key: %s", row.group(1)).isNull();
            }
        }
        return rows;
    }

    @Test
    void everyDeclaredSettingHasItsRowWithTheDeclaredDefaultAndUpperBound() throws IOException {
        Map<String, String[]> rows = rows();
        for (Setting setting : declared()) {
            String[] cells = rows.get(setting.key());
            assertThat(cells).as("SETTINGS.md row for %s", setting.key()).isNotNull();
            String defaultCell = cells[1];
            String rangeCell = cells[2];
            switch (setting.kind()) {
                case WHOLE_NUMBER:
                    assertThat(defaultCell).as("default of %s", setting.key()).contains(String.format("%,d", setting.defaultLong()));
                    assertThat(rangeCell).as("range of %s", setting.key()).contains(String.format("..%,d", setting.max()));
                    break;
                case BOOLEAN:
                    assertThat(defaultCell.trim()).as("default of %s", setting.key()).isEqualTo(setting.defaultValue());
                    break;
                default:
                    assertThat(defaultCell).as("default of %s", setting.key())
                            .contains(setting.defaultValue() == null ? "none" : "`" + setting.defaultValue() + "`");
            }
        }
    }

    @Test
    void everyDocumentedKeyIsDeclared() throws IOException {
        List<String> declaredKeys = declared().stream().map(Setting::key).toList();
        assertThat(rows().keySet()).as("rows in SETTINGS.md for keys no component reads").isSubsetOf(declaredKeys);
    }
}
