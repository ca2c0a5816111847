package io.certeus.postgres.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/**
 * Brings a schema up to date with the Flyway migrations on the classpath under {@code db/migration},
 * creating the schema when missing. Concurrent callers (several members starting at once) are
 * serialised by Flyway's PostgreSQL advisory lock.
 *
 * <p>Thread-safe: stateless; each call runs its own Flyway.
 */
public final class SchemaMigrator {
    public static final String MIGRATIONS_LOCATION = "classpath:db/migration";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private SchemaMigrator() {
    }

    /** Migrates {@code schema}; returns the schema version now in place. */
    public static String migrate(DataSource dataSource, String schema) {
        new LedgerTables(schema); // validates the name
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations(MIGRATIONS_LOCATION)
                .load();
        MigrateResult result = flyway.migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                : String.valueOf(flyway.info().current() == null ? "none" : flyway.info().current().getVersion());
        LOG.info("postgres-schema: migrated schema={}, applied={}, version={}", schema, result.migrationsExecuted, version);
        return version;
    }
}
