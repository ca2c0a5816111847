package io.certeus.postgres.bench;

import com.hazelcast.config.Config;
import com.hazelcast.config.DataConnectionConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.mapstore.GenericMapStore;
import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import com.hazelcast.nio.serialization.genericrecord.GenericRecordBuilder;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.postgres.provision.PostgresHandle;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Hazelcast's stock JDBC MapStore ({@code com.hazelcast:hazelcast-mapstore}, GenericMapStore) storing
 * the same ledger rows through {@code storeAll}, on a one-member grid with a JDBC data connection. Its
 * values are GenericRecords and its key a single id column, so its table has an {@code id} key and
 * keeps byte fields as hex text (the SQL JDBC connector has no binary type).
 *
 * <p>Not thread-safe: benchmark code.
 */
final class GenericMapStoreRun {
    private GenericMapStoreRun() {
    }

    static long rowsPerSecond(PostgresHandle pg, String schema, List<Map<LedgerKey, LedgerEntry>> batches, int rows)
            throws Exception {
        Properties credentials = new Properties();
        credentials.setProperty("user", pg.user());
        if (pg.password() != null) {
            credentials.setProperty("password", pg.password());
        }
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), credentials);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + schema + ".generic_ledger");
            statement.execute("CREATE TABLE " + schema + ".generic_ledger (id bigint PRIMARY KEY, shard integer, "
                    + "position bigint, event_id varchar, case_id varchar, event_type varchar, actor varchar, "
                    + "source_ip varchar, document_hash varchar, payload varchar, occurred_at bigint, ingested_at bigint, "
                    + "prev_hash varchar, hash varchar)");
        }
        Config config = new Config();
        config.setClusterName("bench-generic-" + UUID.randomUUID());
        config.getJetConfig().setEnabled(true);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        DataConnectionConfig dataConnection = new DataConnectionConfig("bench-pg").setType("JDBC").setShared(true)
                .setProperty("jdbcUrl", pg.jdbcUrl()).setProperty("user", pg.user());
        if (pg.password() != null) {
            dataConnection.setProperty("password", pg.password());
        }
        config.addDataConnectionConfig(dataConnection);
        GenericMapStore<Long, GenericRecord> store = new GenericMapStore<>();
        MapStoreConfig storeConfig = config.getMapConfig("generic_ledger").getMapStoreConfig();
        storeConfig.setEnabled(true).setImplementation(store)
                .setProperty("data-connection-ref", "bench-pg")
                .setProperty("external-name", schema + ".generic_ledger")
                .setProperty("id-column", "id")
                .setProperty("type-name", "LedgerRow");
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        try {
            member.getMap("generic_ledger").size(); // starts the store
            Map<Long, GenericRecord> records = new HashMap<>();
            outer:
            for (Map<LedgerKey, LedgerEntry> batch : batches) {
                for (LedgerEntry entry : batch.values()) {
                    records.put(entry.shard() * 1_000_000_000L + entry.position(), record(entry));
                    if (records.size() == rows) {
                        break outer;
                    }
                }
            }
            Map<Long, GenericRecord> warmUp = new HashMap<>();
            records.entrySet().stream().limit(50).forEach(e -> warmUp.put(-e.getKey() - 1, e.getValue()));
            store.storeAll(warmUp);
            long startNs = System.nanoTime();
            int stored = 0;
            Map<Long, GenericRecord> chunk = new HashMap<>();
            for (Map.Entry<Long, GenericRecord> record : records.entrySet()) {
                chunk.put(record.getKey(), record.getValue());
                if (chunk.size() == MapStoreBenchmark.BATCH_ROWS) {
                    store.storeAll(chunk);
                    stored += chunk.size();
                    chunk = new HashMap<>();
                }
            }
            if (!chunk.isEmpty()) {
                store.storeAll(chunk);
                stored += chunk.size();
            }
            long rate = Math.round(stored / ((System.nanoTime() - startNs) / 1e9));
            System.out.printf("mapstore-benchmark: %-60s %,d rows/s (%,d rows)%n", "GenericMapStore 5.6.0 storeAll", rate, stored);
            return rate;
        } finally {
            member.shutdown();
        }
    }

    private static GenericRecord record(LedgerEntry entry) {
        Event event = entry.event();
        return GenericRecordBuilder.compact("LedgerRow")
                .setInt64("id", entry.shard() * 1_000_000_000L + entry.position())
                .setInt32("shard", entry.shard())
                .setInt64("position", entry.position())
                .setString("event_id", event.eventId().toString())
                .setString("case_id", event.caseId())
                .setString("event_type", event.type())
                .setString("actor", event.actor())
                .setString("source_ip", event.sourceIp())
                .setString("document_hash", Hashes.hex(event.documentHash()))
                .setString("payload", Hashes.hex(event.payload()))
                .setInt64("occurred_at", event.occurredAtMicros())
                .setInt64("ingested_at", event.ingestedAtMicros())
                .setString("prev_hash", Hashes.hex(entry.prevHash()))
                .setString("hash", Hashes.hex(entry.hash()))
                .build();
    }
}
