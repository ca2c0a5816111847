package io.certeus.postgres.bench;

import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.copy.PgCopyWriter;
import io.certeus.postgres.provision.PostgresHandle;
import io.certeus.postgres.provision.PostgresProvisioner;
import io.certeus.postgres.store.LedgerMapStore;
import io.certeus.postgres.table.LedgerRows;
import io.certeus.testing.LedgerFixtures;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads the same ledger rows into the same {@code ledger_entry} table (same schema and indexes, emptied
 * before each run) in four ways and prints rows per second: this MapStore's {@code storeAll}
 * (binary COPY), a JDBC batched INSERT with {@code reWriteBatchedInserts=true}, Hazelcast's
 * GenericMapStore, and the raw COPY ceiling (rows encoded beforehand, only the COPY timed). Then the
 * MapStore's replay path (every row already stored) and throughput against pool size with as many
 * concurrent writers as connections. Writes {@code target/bench/mapstore.json}.
 *
 * <p>Not thread-safe: a command-line program.
 */
public final class MapStoreBenchmark {
    static final String SCHEMA = "bench_mapstore";
    static final int BATCH_ROWS = 5_000;
    static final int ROUNDS = 3;
    /** The 14 columns every ledger row has (the batched INSERT writes these). */
    static final String BASE_COLUMNS = "shard, position, hash_version, event_id, case_id, event_type, actor, "
            + "source_ip, document_hash, payload, occurred_at, ingested_at, prev_hash, hash";

    private final PostgresHandle pg;
    private final List<Map<LedgerKey, LedgerEntry>> batches;
    private final int rows;

    private MapStoreBenchmark(PostgresHandle pg, int rows) {
        this.pg = pg;
        Map<LedgerKey, LedgerEntry> all = new LedgerFixtures(1).chains(0, 1000, Math.max(1, rows / 1000));
        this.rows = all.size();
        this.batches = LedgerFixtures.batches(all, BATCH_ROWS);
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 200_000);
        int genericRows = Integer.getInteger("bench.generic.rows", 5_000);
        Path out = Path.of(System.getProperty("bench.out", "target/bench/mapstore.json"));
        Map<String, Object> results = new LinkedHashMap<>();
        try (PostgresHandle pg = PostgresProvisioner.forThisHost().provision()) {
            MapStoreBenchmark bench = new MapStoreBenchmark(pg, rows);
            bench.recreateSchema();
            results.put("rows", bench.rows);
            results.put("batch_rows", BATCH_ROWS);
            results.put("rounds_median_of", ROUNDS);
            try (LedgerStoreRunner copy = new LedgerStoreRunner(bench.settings(4), "bench-copy")) {
                bench.run("warm-up", () -> copy.storeAll(bench.batches.subList(0, Math.min(4, bench.batches.size()))));
                results.put("copy_rows_per_s", bench.median("mapstore storeAll (COPY)", () -> copy.storeAll(bench.batches)));
                results.put("copy_replay_rows_per_s", bench.medianNoTruncate("mapstore storeAll replay (all rows stored)",
                        () -> copy.storeAll(bench.batches)));
            }
            results.put("batched_insert_rows_per_s", bench.median("JDBC batched INSERT (reWriteBatchedInserts)",
                    bench::batchedInsert));
            List<byte[]> encoded = bench.preEncode();
            results.put("raw_copy_rows_per_s", bench.median("raw COPY ceiling (pre-encoded)", () -> bench.rawCopy(encoded)));
            try {
                results.put("generic_mapstore_rows_per_s", GenericMapStoreRun.rowsPerSecond(pg, SCHEMA, bench.batches, genericRows));
                results.put("generic_mapstore_rows", genericRows);
                results.put("generic_mapstore_version", "5.6.0 beside hazelcast 5.7.0");
            } catch (Throwable e) {
                System.out.println("generic-mapstore: FAILED: " + e);
                e.printStackTrace(System.out);
                results.put("generic_mapstore_rows_per_s", null);
                results.put("generic_mapstore_error", String.valueOf(e));
            }
            Map<String, Object> pool = new LinkedHashMap<>();
            for (int size : new int[] {1, 2, 4, 8, 16}) {
                pool.put(String.valueOf(size), bench.median("pool size " + size + " with " + size + " concurrent writers",
                        () -> bench.concurrentStoreAll(size)));
            }
            results.put("pool_size_rows_per_s", pool);
            bench.dropSchema();
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, toJson(results));
        System.out.println("mapstore-benchmark: wrote " + out.toAbsolutePath());
        System.out.println(toJson(results));
        System.exit(0);
    }

    interface Run {
        void run() throws Exception;
    }

    private long median(String name, Run run) throws Exception {
        long[] rates = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            truncate();
            rates[i] = run(name, run);
        }
        Arrays.sort(rates);
        System.out.printf("mapstore-benchmark: %-60s median %,d rows/s of %s%n", name, rates[ROUNDS / 2], Arrays.toString(rates));
        return rates[ROUNDS / 2];
    }

    private long medianNoTruncate(String name, Run run) throws Exception {
        long[] rates = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            rates[i] = run(name, run);
        }
        Arrays.sort(rates);
        System.out.printf("mapstore-benchmark: %-60s median %,d rows/s of %s%n", name, rates[ROUNDS / 2], Arrays.toString(rates));
        return rates[ROUNDS / 2];
    }

    private long run(String name, Run run) throws Exception {
        checkpoint();
        long startNs = System.nanoTime();
        run.run();
        long tookNs = System.nanoTime() - startNs;
        return Math.round(rows / (tookNs / 1e9));
    }

    PostgresSettings settings(int poolSize) {
        Properties properties = new Properties();
        properties.setProperty(PostgresSettings.URL, pg.jdbcUrl());
        properties.setProperty(PostgresSettings.USER, pg.user());
        if (pg.password() != null) {
            properties.setProperty(PostgresSettings.PASSWORD, pg.password());
        }
        properties.setProperty(PostgresSettings.SCHEMA, SCHEMA);
        properties.setProperty(PostgresSettings.POOL_SIZE, String.valueOf(poolSize));
        return PostgresSettings.fromPropertiesOnly(properties);
    }

    private void concurrentStoreAll(int writers) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Exception> errors = new ArrayList<>();
        PostgresSettings settings = settings(writers);
        List<LedgerStoreRunner> stores = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            stores.add(new LedgerStoreRunner(settings, "bench-pool-" + writers));
        }
        for (LedgerStoreRunner store : stores) {
            Thread thread = new Thread(() -> {
                int index;
                while ((index = next.getAndIncrement()) < batches.size()) {
                    try {
                        store.storeAll(List.of(batches.get(index)));
                    } catch (Exception e) {
                        synchronized (errors) {
                            errors.add(e);
                        }
                        return;
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (LedgerStoreRunner store : stores) {
            store.close();
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }

    private void batchedInsert() throws SQLException {
        String url = pg.jdbcUrl() + (pg.jdbcUrl().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        try (Connection connection = connect(url)) {
            connection.setAutoCommit(false);
            String sql = "INSERT INTO " + SCHEMA + ".ledger_entry (" + BASE_COLUMNS + ") VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (Map<LedgerKey, LedgerEntry> batch : batches) {
                    for (LedgerEntry entry : batch.values()) {
                        Event event = entry.event();
                        insert.setInt(1, entry.shard());
                        insert.setLong(2, entry.position());
                        insert.setShort(3, (short) 1);
                        insert.setObject(4, event.eventId());
                        insert.setString(5, event.caseId());
                        insert.setString(6, event.type());
                        insert.setString(7, event.actor());
                        insert.setString(8, event.sourceIp());
                        insert.setBytes(9, event.documentHash());
                        insert.setBytes(10, event.payload());
                        insert.setObject(11, time(event.occurredAtMicros()));
                        insert.setObject(12, time(event.ingestedAtMicros()));
                        insert.setBytes(13, entry.prevHash());
                        insert.setBytes(14, entry.hash());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
    }

    private List<byte[]> preEncode() throws SQLException {
        List<byte[]> encoded = new ArrayList<>();
        PgCopyWriter writer = new PgCopyWriter(PostgresSettings.DEFAULT_COPY_CHUNK_BYTES);
        LedgerRows encoder = new LedgerRows();
        for (Map<LedgerKey, LedgerEntry> batch : batches) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            writer.begin(bytes::write);
            for (Map.Entry<LedgerKey, LedgerEntry> entry : batch.entrySet()) {
                encoder.encode(entry.getKey(), entry.getValue(), writer);
            }
            writer.finish();
            encoded.add(bytes.toByteArray());
        }
        return encoded;
    }

    private void rawCopy(List<byte[]> encoded) throws SQLException {
        try (Connection connection = connect(pg.jdbcUrl())) {
            connection.setAutoCommit(false);
            String sql = "COPY " + SCHEMA + ".ledger_entry (" + LedgerRows.COLUMNS + ") FROM STDIN (FORMAT binary)";
            for (byte[] batch : encoded) {
                CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
                copy.writeToCopy(batch, 0, batch.length);
                copy.endCopy();
                connection.commit();
            }
        }
    }

    private void recreateSchema() throws SQLException {
        dropSchema();
        // the MapStore migrates the schema on first use
        try (LedgerStoreRunner store = new LedgerStoreRunner(settings(1), "bench-migrate")) {
            store.touch();
        }
        try (Connection connection = connect(pg.jdbcUrl()); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1 FROM " + SCHEMA + ".ledger_entry LIMIT 0");
        }
    }

    private void dropSchema() throws SQLException {
        try (Connection connection = connect(pg.jdbcUrl()); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private void truncate() throws SQLException {
        try (Connection connection = connect(pg.jdbcUrl()); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + SCHEMA + ".ledger_entry, " + SCHEMA + ".ledger_fork");
        }
    }

    private void checkpoint() {
        try (Connection connection = connect(pg.jdbcUrl()); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            // not a superuser: runs without an aligned checkpoint
        }
    }

    Connection connect(String url) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", pg.user());
        if (pg.password() != null) {
            credentials.setProperty("password", pg.password());
        }
        return DriverManager.getConnection(url, credentials);
    }

    static OffsetDateTime time(long micros) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1_000L), ZoneOffset.UTC);
    }


    static String toJson(Map<String, Object> values) {
        StringBuilder json = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            json.append("  \"").append(entry.getKey()).append("\": ").append(jsonValue(entry.getValue()));
            json.append(++i < values.size() ? ",\n" : "\n");
        }
        return json.append("}\n").toString();
    }

    @SuppressWarnings("unchecked")
    private static String jsonValue(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof Map) {
            StringBuilder json = new StringBuilder("{");
            int i = 0;
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) value).entrySet()) {
                json.append(i++ > 0 ? ", " : "").append('"').append(entry.getKey()).append("\": ").append(jsonValue(entry.getValue()));
            }
            return json.append('}').toString();
        }
        return '"' + value.toString().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + '"';
    }

    /** A started {@link LedgerMapStore} without Hazelcast. */
    static final class LedgerStoreRunner implements AutoCloseable {
        private final LedgerMapStore store;

        LedgerStoreRunner(PostgresSettings settings, String member) {
            store = new LedgerMapStore(settings);
            store.start(member, "certeus-ledger");
        }

        void storeAll(List<Map<LedgerKey, LedgerEntry>> batches) {
            for (Map<LedgerKey, LedgerEntry> batch : batches) {
                store.storeAll(batch);
            }
        }

        /** A read, which runs the migrations. */
        void touch() {
            store.load(new LedgerKey(0, -1));
        }

        @Override
        public void close() {
            store.destroy();
        }
    }
}
