package io.certeus.postgres.store;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.test.TestHazelcastInstanceFactory;
import io.certeus.core.MapNames;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.serialization.CerteusSerializers;
import io.certeus.core.settings.SettingsSource;
import io.certeus.core.shard.LedgerKey;
import io.certeus.postgres.PostgresMemberStartupHook;
import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.WriteBehindBacklog;
import io.certeus.postgres.table.LedgerRows;
import io.certeus.testing.Await;
import io.certeus.testing.LedgerFixtures;
import io.certeus.testing.PostgresTestSupport;
import io.certeus.testing.TcpProxy;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Hazelcast members with the ledger map written behind to PostgreSQL, through outages.
 */
@Timeout(180)
class WriteBehindOutageIT {
    private static final LedgerRows LEDGER_ROWS = new LedgerRows();
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(60);

    private TestHazelcastInstanceFactory factory;
    private TcpProxy proxy;

    @BeforeAll
    static void addMeters() {
        Metrics.globalRegistry.add(METERS);
    }

    @AfterAll
    static void removeMeters() {
        Metrics.globalRegistry.remove(METERS);
    }

    @AfterEach
    void stop() throws Exception {
        if (factory != null) {
            factory.terminateAll();
        }
        if (proxy != null) {
            proxy.close();
        }
        try (Connection connection = PG.connect(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE ledger_entry, ledger_fork, unstorable_row");
        }
    }

    @Test
    void serverUnreachableInTheMiddleOfAFlushLosesNothingAndStoresEachKeyOnce() throws Exception {
        String[] target = PG.hostPortAndUrlThrough("127.0.0.1", 0);
        proxy = new TcpProxy(target[0], Integer.parseInt(target[1]));
        String url = PG.hostPortAndUrlThrough("127.0.0.1", proxy.port())[2];
        String cluster = "pg-outage-" + UUID.randomUUID();
        factory = new TestHazelcastInstanceFactory(2);
        HazelcastInstance first = factory.newHazelcastInstance(memberConfig(cluster, settings(url, "outage"), 1, false));
        HazelcastInstance second = factory.newHazelcastInstance(memberConfig(cluster, settings(url, "outage"), 1, false));
        IMap<LedgerKey, LedgerEntry> ledger = first.getMap(MapNames.LEDGER);
        Map<LedgerKey, LedgerEntry> all = new LedgerFixtures(7).chains(0, 200, 60); // 12,000 entries
        List<Map<LedgerKey, LedgerEntry>> batches = LedgerFixtures.batches(all, 1_000);

        ledger.putAll(batches.get(0));
        ledger.putAll(batches.get(1));
        Await.until("first rows in PostgreSQL", STORE_TIMEOUT, () -> rowCount() > 0, () -> "rows=" + observedRows());
        ledger.putAll(batches.get(2));
        proxy.cut();
        for (int i = 3; i < batches.size(); i++) {
            ledger.putAll(batches.get(i));
        }
        Await.until("write failures while unreachable", STORE_TIMEOUT, () -> failures("outage") >= 3,
                () -> "failures=" + failures("outage"));
        long rowsDuringOutage = rowCount();
        long dirty = first.getMap(MapNames.LEDGER).getLocalMapStats().getDirtyEntryCount()
                + second.getMap(MapNames.LEDGER).getLocalMapStats().getDirtyEntryCount();
        assertThat(rowsDuringOutage + dirty).as("every entry is stored or still dirty").isGreaterThanOrEqualTo(all.size());
        assertThat(WriteBehindBacklog.clusterDirtyEntries(first, MapNames.LEDGER, 10_000)).isEqualTo(dirty);
        WriteBehindBacklog backlog = new WriteBehindBacklog(first, MapNames.LEDGER, 10, 0);
        backlog.sample();
        assertThat(backlog.isSampledFull()).as("a backlog over its limit refuses appends").isTrue();

        proxy.restore();
        Await.until("every entry stored after recovery", STORE_TIMEOUT, () -> rowCount() == all.size(),
                () -> "rows=" + observedRows() + ", expected=" + all.size());
        Await.until("no dirty entries left", STORE_TIMEOUT,
                () -> WriteBehindBacklog.clusterDirtyEntries(first, MapNames.LEDGER, 10_000) == 0);
        assertStoredExactly(all);
    }

    @Test
    void connectionsKilledRepeatedlyDuringFlushesLoseNothing() throws Exception {
        String cluster = "pg-kill-" + UUID.randomUUID();
        factory = new TestHazelcastInstanceFactory(1);
        HazelcastInstance member = factory.newHazelcastInstance(memberConfig(cluster, settings(PG.jdbcUrl(), "kill"), 0, false));
        IMap<LedgerKey, LedgerEntry> ledger = member.getMap(MapNames.LEDGER);
        Map<LedgerKey, LedgerEntry> all = new LedgerFixtures(8).chains(300, 100, 100); // 10,000 entries
        int killed = 0;
        for (Map<LedgerKey, LedgerEntry> batch : LedgerFixtures.batches(all, 500)) {
            ledger.putAll(batch);
            killed += terminatePoolBackends(member.getName());
        }
        Await.until("connections killed during flushes then every entry stored", STORE_TIMEOUT,
                () -> rowCount() == all.size(), () -> "rows=" + observedRows());
        assertThat(killed).as("backends terminated").isPositive();
        assertStoredExactly(all);
    }

    @Test
    void gracefulShutdownFlushesDirtyEntriesFirst() throws Exception {
        String cluster = "pg-shutdown-" + UUID.randomUUID();
        factory = new TestHazelcastInstanceFactory(1);
        HazelcastInstance member = factory.newHazelcastInstance(
                memberConfig(cluster, settings(PG.jdbcUrl(), "shutdown"), 0, true));
        // What CerteusMemberPlugin does for every MemberStartupHook on the classpath, run here directly.
        new PostgresMemberStartupHook().onMemberStarted(member, SettingsSource.of(member.getConfig().getProperties()));
        assertThat(Search.in(Metrics.globalRegistry).name("certeus.pg.dirty.entries").tag("member", member.getName())
                .gauge()).as("dirty-entry gauge registered").isNotNull();
        Map<LedgerKey, LedgerEntry> all = new LedgerFixtures(9).chains(500, 50, 40);
        member.<LedgerKey, LedgerEntry>getMap(MapNames.LEDGER).putAll(all);
        assertThat(member.getMap(MapNames.LEDGER).getLocalMapStats().getDirtyEntryCount())
                .as("write delay is long: nothing stored yet").isEqualTo(all.size());

        member.shutdown();

        assertThat(rowCount()).isEqualTo(all.size());
        assertStoredExactly(all);
    }

    private static Properties settings(String url, String name) {
        Properties properties = PG.settings();
        properties.setProperty(PostgresSettings.URL, url);
        properties.setProperty(PostgresSettings.POOL_SIZE, "2");
        properties.setProperty(PostgresSettings.CONNECTION_TIMEOUT_MS, "1000");
        properties.setProperty(PostgresSettings.SOCKET_TIMEOUT_SECONDS, "10");
        properties.setProperty(PostgresSettings.RETRY_MAX_BACKOFF_MS, "300");
        properties.setProperty("test.name", name);
        return properties;
    }

    private static Config memberConfig(String cluster, Properties settings, int backups, boolean longDelay) {
        Config config = new Config();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.partition.count", "1000");
        CerteusSerializers.register(config.getSerializationConfig().getCompactSerializationConfig());
        MapConfig ledger = config.getMapConfig(MapNames.LEDGER);
        ledger.setBackupCount(backups);
        MapStoreConfig store = ledger.getMapStoreConfig();
        store.setEnabled(true)
                .setImplementation(new LedgerMapStore(PostgresSettings.fromPropertiesOnly(settings)))
                .setWriteDelaySeconds(longDelay ? 3_600 : 1)
                .setWriteBatchSize(1_000)
                .setWriteCoalescing(true)
                .setInitialLoadMode(MapStoreConfig.InitialLoadMode.LAZY);
        return config;
    }

    private static double failures(String name) {
        return METERS.find("certeus.pg.store.failures").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static long observedRows() {
        try {
            return rowCount();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long rowCount() throws Exception {
        return PG.queryLong("SELECT count(*) FROM ledger_entry");
    }

    private static int terminatePoolBackends(String memberName) throws Exception {
        String applicationName = StoreResources.applicationName(memberName, PG.schema());
        try (Connection connection = PG.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
                     + "FROM pg_stat_activity WHERE application_name = '" + applicationName + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void assertStoredExactly(Map<LedgerKey, LedgerEntry> expected) throws Exception {
        LedgerFixtures verifier = new LedgerFixtures(0);
        int seen = 0;
        try (Connection connection = PG.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + LedgerRows.COLUMNS + " FROM ledger_entry")) {
            while (rows.next()) {
                LedgerEntry stored = LEDGER_ROWS.decode(rows);
                assertThat(stored).isEqualTo(expected.get(new LedgerKey(stored.shard(), stored.position())));
                assertThat(verifier.verifies(stored)).isTrue();
                seen++;
            }
        }
        assertThat(seen).isEqualTo(expected.size());
        assertThat(PG.queryLong("SELECT count(*) FROM ledger_fork")).isZero();
    }

}
