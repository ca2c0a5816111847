package io.certeus.postgres.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapLoaderLifecycleSupport;
import com.hazelcast.map.MapStore;
import io.certeus.core.settings.SettingsSource;
import io.certeus.postgres.PostgresSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The machinery every CERTEUS table store shares: settings and pool at {@link #init}, writes through
 * {@link CopyBatchWriter} (single {@link #store} calls take the same COPY path), refusal of removals
 * (the tables are append-only), reads with plain SQL.
 *
 * <p>Removals are refused without throwing: an exception would send Hazelcast's write-behind worker
 * into endless per-entry retries and stall every other write of the map. They are logged at ERROR
 * and counted ({@code certeus.pg.deletes.refused}); the stored row stays.
 *
 * <p>Thread-safe: Hazelcast calls {@link #init} once, then stores from its store worker and loads
 * from several threads; writes are serialised by the writer, reads use a pooled connection each.
 */
public abstract class AbstractPostgresMapStore<K, V> implements MapStore<K, V>, MapLoaderLifecycleSupport {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractPostgresMapStore.class);

    private final PostgresSettings fixedSettings;
    private volatile StoreResources resources;
    private volatile CopyBatchWriter<K, V> writer;
    private volatile StoreMetrics metrics;
    private volatile String mapName = "?";

    /**
     * @param fixedSettings settings to use instead of reading the member's (tests, embedders); {@code null}
     *                      reads {@code certeus.pg.*} from the member config, the map-store properties and
     *                      the environment
     */
    protected AbstractPostgresMapStore(PostgresSettings fixedSettings) {
        this.fixedSettings = fixedSettings;
    }

    /** The table rows go to, with its encoder and conflict rules. */
    protected abstract TableSpec<K, V> tableSpec(StoreResources resources);

    /** {@code SELECT <columns> FROM <table> WHERE <key> = ?...}: one row by key. */
    protected abstract String selectOneSql(StoreResources resources);

    protected abstract void bindKey(PreparedStatement statement, K key) throws SQLException;

    protected abstract V decode(ResultSet row) throws SQLException;

    protected abstract K decodeKey(ResultSet row) throws SQLException;

    /** {@code SELECT <key columns> FROM <table>}, for {@link #loadAllKeys}. */
    protected abstract String selectKeysSql(StoreResources resources);

    @Override
    public void init(HazelcastInstance member, Properties properties, String mapName) {
        PostgresSettings settings = fixedSettings;
        if (settings == null) {
            Properties merged = new Properties();
            merged.putAll(member.getConfig().getProperties());
            merged.putAll(properties);
            settings = PostgresSettings.from(SettingsSource.of(merged));
        }
        start(StoreResources.Registry.of(member), member.getName(), mapName, settings);
    }

    /**
     * Starts the store without Hazelcast (benchmarks, tools, tests) with the fixed settings given at
     * construction; pair with {@link #destroy()}.
     */
    public void start(String memberName, String mapName) {
        if (fixedSettings == null) {
            throw new IllegalStateException("postgres-store: start without a member needs fixed settings: map=" + mapName);
        }
        start(new StoreResources.Registry(), memberName, mapName, fixedSettings);
    }

    private void start(StoreResources.Registry registry, String memberName, String mapName, PostgresSettings settings) {
        StoreResources acquired = StoreResources.acquire(registry, memberName, settings);
        this.mapName = mapName;
        this.metrics = new StoreMetrics(acquired.meterRegistry(), mapName, memberName);
        this.writer = new CopyBatchWriter<>(acquired, tableSpec(acquired), metrics, mapName);
        this.resources = acquired;
        LOG.info("postgres-store: started: map={}, member={}, schema={}", mapName, memberName, settings.schema());
    }

    /** The pool and tables of this store; {@code null} before start and after destroy. */
    protected StoreResources resources() {
        return resources;
    }

    @Override
    public void destroy() {
        CopyBatchWriter<K, V> current = writer;
        if (current != null) {
            current.close();
        }
        StoreResources acquired = resources;
        if (acquired != null) {
            resources = null;
            acquired.release();
        }
    }

    @Override
    public void store(K key, V value) {
        Map<K, V> one = new HashMap<>(2);
        one.put(key, value);
        storeAll(one);
    }

    @Override
    public void storeAll(Map<K, V> batch) {
        requireStarted().storeAll(batch);
    }

    @Override
    public void delete(K key) {
        refuseRemoval(1, String.valueOf(key));
    }

    @Override
    public void deleteAll(Collection<K> keys) {
        refuseRemoval(keys.size(), keys.isEmpty() ? "-" : String.valueOf(keys.iterator().next()));
    }

    @Override
    public V load(K key) {
        StoreResources acquired = requireResources();
        try (Connection connection = acquired.dataSource().getConnection()) {
            try (PreparedStatement select = connection.prepareStatement(selectOneSql(acquired))) {
                bindKey(select, key);
                try (ResultSet rows = select.executeQuery()) {
                    V value = rows.next() ? decode(rows) : null;
                    connection.commit();
                    return value;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("postgres-store: load failed: map=" + mapName + ", key=" + key
                    + ", sqlState=" + SqlErrorKind.sqlState(e), e);
        }
    }

    /** One query per call: keys are bound as arrays. */
    @Override
    public Map<K, V> loadAll(Collection<K> keys) {
        Map<K, V> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        StoreResources acquired = requireResources();
        try (Connection connection = acquired.dataSource().getConnection()) {
            loadAll(connection, acquired, keys, found);
            connection.commit();
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("postgres-store: loadAll failed: map=" + mapName + ", keys=" + keys.size()
                    + ", sqlState=" + SqlErrorKind.sqlState(e), e);
        }
    }

    protected abstract void loadAll(Connection connection, StoreResources resources, Collection<K> keys, Map<K, V> found)
            throws SQLException;

    /**
     * Every stored key when {@code certeus.pg.preload} is true (streamed with a cursor), else none:
     * entries are then read through on demand by {@link #load}.
     */
    @Override
    public Iterable<K> loadAllKeys() {
        StoreResources acquired = requireResources();
        if (!acquired.settings().preload()) {
            return List.of();
        }
        return new KeyCursor<>(acquired, selectKeysSql(acquired), this::decodeKey, mapName);
    }

    /** The meters of this store (after {@link #init}). */
    public StoreMetrics metrics() {
        return metrics;
    }

    protected String mapName() {
        return mapName;
    }

    private void refuseRemoval(int count, String firstKey) {
        StoreMetrics current = metrics;
        if (current != null) {
            current.deletesRefused.increment(count);
        }
        LOG.error("postgres-store: removal refused, the table is append-only; the stored rows stay: map={}, keys={}, "
                + "firstKey={}", mapName, count, firstKey);
    }

    private CopyBatchWriter<K, V> requireStarted() {
        CopyBatchWriter<K, V> current = writer;
        if (current == null) {
            throw new IllegalStateException("postgres-store: used before init: map=" + mapName);
        }
        return current;
    }

    protected StoreResources requireResources() {
        StoreResources current = resources;
        if (current == null) {
            throw new IllegalStateException("postgres-store: used before init or after destroy: map=" + mapName);
        }
        current.ensureSchema();
        return current;
    }
}
