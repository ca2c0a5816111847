package io.certeus.postgres;

import io.certeus.core.settings.SettingsSource;
import io.certeus.postgres.provision.PostgresProvisioner;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresSettingsTest {
    private static Properties withUrl() {
        Properties properties = new Properties();
        properties.setProperty(PostgresSettings.URL, "jdbc:postgresql://db:5432/ledger");
        return properties;
    }

    @Test
    void theProvisionerReadsTheMembersVariables() {
        assertThat(PostgresProvisioner.ENV_URL).isEqualTo(PostgresSettings.URL_SETTING.environmentName());
        assertThat(PostgresProvisioner.ENV_USER).isEqualTo(PostgresSettings.USER_SETTING.environmentName());
        assertThat(PostgresProvisioner.ENV_PASSWORD).isEqualTo(PostgresSettings.PASSWORD_SETTING.environmentName());
        assertThat(PostgresProvisioner.DEFAULT_USER).isEqualTo(PostgresSettings.DEFAULT_USER);
    }

    @Test
    void defaultsApplyWhenOnlyTheUrlIsSet() {
        PostgresSettings settings = PostgresSettings.fromPropertiesOnly(withUrl());
        assertThat(settings.user()).isEqualTo("postgres");
        assertThat(settings.password()).isNull();
        assertThat(settings.schema()).isEqualTo(PostgresSettings.DEFAULT_SCHEMA);
        assertThat(settings.poolSize()).isEqualTo(PostgresSettings.DEFAULT_POOL_SIZE);
        assertThat(settings.migrate()).isTrue();
        assertThat(settings.preload()).isFalse();
    }

    @Test
    void environmentOverridesPropertiesAndThePasswordNeverShows() {
        Properties properties = withUrl();
        properties.setProperty(PostgresSettings.POOL_SIZE, "8");
        SettingsSource source = new SettingsSource(properties, Map.of("CERTEUS_PG_URL", "jdbc:postgresql://other/x",
                "CERTEUS_PG_PASSWORD", "s3cret", "CERTEUS_PG_POOL_SIZE", "3"));
        PostgresSettings settings = PostgresSettings.from(source);
        assertThat(settings.url()).isEqualTo("jdbc:postgresql://other/x");
        assertThat(settings.poolSize()).isEqualTo(3);
        assertThat(settings.password()).isEqualTo("s3cret");
        assertThat(settings.toString()).doesNotContain("s3cret").contains("password=set");
    }

    @Test
    void refusesMissingUrlBadSchemaAndOutOfRangeValues() {
        assertThatThrownBy(() -> PostgresSettings.fromPropertiesOnly(new Properties()))
                .hasMessageContaining("key=certeus.pg.url").hasMessageContaining("CERTEUS_PG_URL");
        Properties badSchema = withUrl();
        badSchema.setProperty(PostgresSettings.SCHEMA, "Robert'); DROP TABLE x;--");
        assertThatThrownBy(() -> PostgresSettings.fromPropertiesOnly(badSchema)).hasMessageContaining("schema name not allowed");
        Properties badPool = withUrl();
        badPool.setProperty(PostgresSettings.POOL_SIZE, "500");
        assertThatThrownBy(() -> PostgresSettings.fromPropertiesOnly(badPool))
                .hasMessageContaining("key=certeus.pg.pool.size").hasMessageContaining("allowed=[1, 64]");
        Properties badBackoff = withUrl();
        badBackoff.setProperty(PostgresSettings.RETRY_INITIAL_BACKOFF_MS, "1000");
        badBackoff.setProperty(PostgresSettings.RETRY_MAX_BACKOFF_MS, "10");
        assertThatThrownBy(() -> PostgresSettings.fromPropertiesOnly(badBackoff))
                .hasMessageContaining("key=certeus.pg.retry.max.backoff.ms");
    }
}
