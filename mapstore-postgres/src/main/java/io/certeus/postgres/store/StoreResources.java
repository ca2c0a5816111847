package io.certeus.postgres.store;

import com.hazelcast.core.HazelcastInstance;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.certeus.member.MemberContext;
import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.schema.LedgerTables;
import io.certeus.postgres.schema.SchemaMigrator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the stores of one member share for one database target: the HikariCP pool (with Micrometer
 * metrics), the settings and the schema, migrated once. Reference-counted: the last store to
 * release it closes the pool. The pool starts even when the database is down; the schema is
 * migrated on first use and again until that succeeds.
 *
 * <p>Thread-safe: acquisition and release are synchronized on the member's registry; the pool is thread-safe.
 */
public final class StoreResources {
    private static final Logger LOG = LoggerFactory.getLogger(StoreResources.class);

    /**
     * One member's resources by target (database and schema): the member's stores for one target
     * share one pool. Kept in the member's {@link MemberContext}; a store started without a member
     * has one of its own.
     *
     * <p>Thread-safe: acquisition and release are synchronized on the registry.
     */
    public static final class Registry {
        private final Map<String, StoreResources> byTarget = new HashMap<>();

        /** The registry of {@code member}. */
        public static Registry of(HazelcastInstance member) {
            return MemberContext.of(member).extension(Registry.class, Registry::new);
        }

        /** The resources acquired now, one per database target (for the reachability probe). */
        public List<StoreResources> all() {
            synchronized (this) {
                return List.copyOf(byTarget.values());
            }
        }
    }

    private final Registry registry;
    private final String registryKey;
    private final String memberName;
    private final PostgresSettings settings;
    private final LedgerTables tables;
    private final HikariDataSource dataSource;
    private final MeterRegistry meterRegistry;
    private int references;
    private volatile boolean schemaReady;

    private StoreResources(Registry registry, String registryKey, String memberName, PostgresSettings settings,
            MeterRegistry meterRegistry) {
        this.registry = registry;
        this.registryKey = registryKey;
        this.memberName = memberName;
        this.settings = settings;
        this.tables = new LedgerTables(settings.schema());
        this.meterRegistry = meterRegistry;
        this.dataSource = new HikariDataSource(poolConfig(memberName, settings, meterRegistry));
        LOG.info("postgres-store: pool started: member={}, {}", memberName, settings);
    }

    /** {@code registry}'s resources for this target, created on first use. Pair every call with {@link #release()}. */
    public static StoreResources acquire(Registry registry, String memberName, PostgresSettings settings) {
        String key = settings.poolIdentity();
        synchronized (registry) {
            StoreResources resources = registry.byTarget.computeIfAbsent(key,
                    k -> new StoreResources(registry, k, memberName, settings, Metrics.globalRegistry));
            resources.references++;
            return resources;
        }
    }

    public void release() {
        synchronized (registry) {
            references--;
            if (references > 0) {
                return;
            }
            registry.byTarget.remove(registryKey);
        }
        dataSource.close();
        LOG.info("postgres-store: pool closed: member={}, schema={}", memberName, settings.schema());
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public PostgresSettings settings() {
        return settings;
    }

    public LedgerTables tables() {
        return tables;
    }

    public String memberName() {
        return memberName;
    }

    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /**
     * Runs the migrations once per resources (when enabled). Throws while the database cannot be
     * migrated; callers retry like any other unavailability.
     */
    public void ensureSchema() {
        if (schemaReady || !settings.migrate()) {
            return;
        }
        synchronized (this) {
            if (!schemaReady) {
                // Flyway holds one connection for its lock and uses another to migrate: give it its own,
                // unpooled connections so a small pool cannot deadlock it.
                PGSimpleDataSource direct = new PGSimpleDataSource();
                direct.setURL(settings.url());
                direct.setUser(settings.user());
                if (settings.password() != null) {
                    direct.setPassword(settings.password());
                }
                direct.setConnectTimeout((int) Math.max(1, settings.connectionTimeoutMs() / 1000));
                // No socket timeout: an index built on an existing ledger may take longer than any read should.
                direct.setSocketTimeout(0);
                direct.setApplicationName(applicationName(memberName, settings.schema()) + "/migrate");
                SchemaMigrator.migrate(direct, settings.schema());
                schemaReady = true;
            }
        }
    }

    private static HikariConfig poolConfig(String memberName, PostgresSettings settings, MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("certeus-pg-" + memberName + "-" + settings.schema());
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(settings.poolSize());
        config.setConnectionTimeout(settings.connectionTimeoutMs());
        config.setValidationTimeout(Math.min(settings.connectionTimeoutMs(), 5_000));
        config.setAutoCommit(false);
        // Start even when the database is down: stores wait and retry; the member must come up.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("ApplicationName", applicationName(memberName, settings.schema()));
        config.addDataSourceProperty("socketTimeout", String.valueOf(settings.socketTimeoutSeconds()));
        config.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, settings.connectionTimeoutMs() / 1000)));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        return config;
    }

    /** The application_name the pool's sessions carry (pg_stat_activity), at most 63 bytes. */
    public static String applicationName(String memberName, String schema) {
        String name = "certeus/" + schema + "/" + memberName;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }
}
