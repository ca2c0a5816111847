package io.certeus.postgres.store;

import io.certeus.core.retry.Backoff;
import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.copy.PgCopyWriter;
import io.certeus.postgres.copy.UnstorableValueException;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Makes a batch of map entries durable in one table with binary COPY, exactly once per key:
 * <ol>
 *   <li>normally one COPY straight into the table and one commit (the cheap path);</li>
 *   <li>when a key is already stored (SQLSTATE 23505: a retry, a backup's re-store, a replay) the batch
 *       goes through a temporary staging table and {@code INSERT ... ON CONFLICT DO NOTHING}; rows whose
 *       key was stored with a different hash are recorded as forks, counted and logged at ERROR, and
 *       the stored row is never changed; the next batches use staging too, then the cheap path again;</li>
 *   <li>for the ledger ({@link TableSpec#prefix}), rows go straight in only when they continue every
 *       shard where the table ends; otherwise through the stage, which parks rows after a gap and
 *       moves them in once the gap closes ({@link LedgerPrefix});</li>
 *   <li>a row that cannot be stored exactly is set aside (recorded in {@code unstorable_row}, counted,
 *       logged) and the rest of the batch is stored; rows the server refuses (SQLSTATE class 22/23/54)
 *       are found by bisecting the batch;</li>
 *   <li>while the database is unavailable (any other error) it waits with capped exponential backoff
 *       ({@link Backoff}) and retries, never returning before the batch is committed, so Hazelcast never
 *       falls into its one-entry-at-a-time retry path. Only {@link #close()} or an interrupt ends the wait, with a
 *       {@link StoreClosedException}: the entries stay queued in Hazelcast.</li>
 * </ol>
 *
 * <p>Thread-safe: {@link #storeAll} is synchronized (Hazelcast calls it from one store worker per
 * map and member; the lock only guards the reused encoder); {@link #close()} may be called from any thread.
 */
final class CopyBatchWriter<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(CopyBatchWriter.class);
    private static final int STAGING_BATCHES_AFTER_CONFLICT = 64;
    private static final long FAILURE_LOG_INTERVAL_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int MAX_LOGGED_FORKS_PER_BATCH = 20;

    private final StoreResources resources;
    private final TableSpec<K, V> spec;
    private final StoreMetrics metrics;
    private final String mapName;
    private final PgCopyWriter writer;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<String[]> unstorable = new ArrayList<>();
    private Object[] keys = new Object[0];
    private Object[] values = new Object[0];
    private int stagingBatchesLeft;

    CopyBatchWriter(StoreResources resources, TableSpec<K, V> spec, StoreMetrics metrics, String mapName) {
        this.resources = resources;
        this.spec = spec;
        this.metrics = metrics;
        this.mapName = mapName;
        this.writer = new PgCopyWriter(resources.settings().copyChunkBytes());
    }

    /** Returns once every entry is committed (or set aside as unstorable). */
    synchronized void storeAll(Map<? extends K, ? extends V> batch) {
        int size = batch.size();
        if (size == 0) {
            return;
        }
        fill(batch);
        long startNs = System.nanoTime();
        PostgresSettings settings = resources.settings();
        boolean staging = stagingBatchesLeft > 0;
        if (staging) {
            stagingBatchesLeft--;
        }
        boolean bisect = false;
        int failures = 0;
        long lastLogNs = 0;
        try {
            while (true) {
                if (closed.getCount() == 0) {
                    throw new StoreClosedException("postgres-store: closed before batch was stored: map=" + mapName
                            + ", rows=" + size);
                }
                try {
                    resources.ensureSchema();
                    if (bisect) {
                        bisect(0, size);
                    } else {
                        writeRange(0, size, staging);
                    }
                    if (failures > 0) {
                        LOG.warn("postgres-store: database back, batch stored: map={}, rows={}, failedAttempts={}, waitedMs={}",
                                mapName, size, failures, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
                    }
                    metrics.batch.record(System.nanoTime() - startNs, TimeUnit.NANOSECONDS);
                    return;
                } catch (SQLException | FlywayException e) {
                    SqlErrorKind kind = e instanceof SQLException ? SqlErrorKind.classify((SQLException) e) : SqlErrorKind.OTHER;
                    if (kind == SqlErrorKind.CONFLICT && !staging) {
                        staging = true;
                        stagingBatchesLeft = STAGING_BATCHES_AFTER_CONFLICT;
                        continue;
                    }
                    if (kind == SqlErrorKind.DATA && !bisect) {
                        bisect = true;
                        continue;
                    }
                    failures++;
                    metrics.failure(kind);
                    staging = true; // a commit may have happened before the failure was seen
                    long waitMs = Backoff.exponential(settings.retryInitialBackoffMs(), settings.retryMaxBackoffMs())
                            .delayMs(failures);
                    long nowNs = System.nanoTime();
                    if (failures == 1 || nowNs - lastLogNs >= FAILURE_LOG_INTERVAL_NS) {
                        lastLogNs = nowNs;
                        LOG.error("postgres-store: write failed, retrying until the database answers: map={}, rows={}, "
                                + "kind={}, sqlState={}, attempt={}, waitedMs={}, nextRetryMs={}, error={}", mapName, size,
                                kind, e instanceof SQLException ? SqlErrorKind.sqlState((SQLException) e) : "-", failures,
                                TimeUnit.NANOSECONDS.toMillis(nowNs - startNs), waitMs, firstLine(e.getMessage()));
                    }
                    pause(waitMs, size);
                }
            }
        } finally {
            java.util.Arrays.fill(keys, 0, size, null);
            java.util.Arrays.fill(values, 0, size, null);
        }
    }

    /** Ends any wait for the database; later calls fail fast with {@link StoreClosedException}. */
    void close() {
        closed.countDown();
    }

    /** Copies the batch into the reused arrays, in the encoder's row order when it has one. */
    private void fill(Map<? extends K, ? extends V> batch) {
        int size = batch.size();
        if (keys.length < size) {
            keys = new Object[size];
            values = new Object[size];
        }
        Comparator<K> order = spec.encoder.rowOrder();
        Iterable<? extends Map.Entry<? extends K, ? extends V>> entries = batch.entrySet();
        if (order != null) {
            List<Map.Entry<? extends K, ? extends V>> sorted = new ArrayList<>(batch.entrySet());
            sorted.sort((a, b) -> order.compare(a.getKey(), b.getKey()));
            entries = sorted;
        }
        int i = 0;
        for (Map.Entry<? extends K, ? extends V> entry : entries) {
            keys[i] = entry.getKey();
            values[i] = entry.getValue();
            i++;
        }
    }

    /** Stores rows [from, to) through staging, splitting ranges the server refuses down to single rows. */
    private void bisect(int from, int to) throws SQLException {
        try {
            writeRange(from, to, true);
        } catch (SQLException e) {
            if (SqlErrorKind.classify(e) != SqlErrorKind.DATA) {
                throw e;
            }
            if (to - from == 1) {
                setAside(from, e);
                return;
            }
            int middle = (from + to) >>> 1;
            bisect(from, middle);
            bisect(middle, to);
        }
    }

    @SuppressWarnings("unchecked")
    private void setAside(int index, SQLException refusal) throws SQLException {
        String key = spec.encoder.describeKey((K) keys[index]);
        String reason = "server refused row: " + firstLine(refusal.getMessage());
        try (Connection connection = resources.dataSource().getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(unstorableInsertSql())) {
                insert.setString(1, spec.table);
                insert.setString(2, key);
                insert.setString(3, reason);
                insert.setString(4, SqlErrorKind.sqlState(refusal));
                insert.executeUpdate();
            }
            connection.commit();
        }
        metrics.rowsUnstorable.increment();
        LOG.error("postgres-store: row refused by the database and set aside in unstorable_row: map={}, table={}, {}, "
                + "sqlState={}, reason={}", mapName, spec.table, key, SqlErrorKind.sqlState(refusal), reason);
    }

    private void writeRange(int from, int to, boolean staging) throws SQLException {
        unstorable.clear();
        long inserted;
        long copied;
        List<String> forks = List.of();
        LedgerPrefix prefix = spec.prefix;
        Integer[] shards = prefix == null ? null : LedgerPrefix.shardsOf(keys, from, to);
        Map<Integer, Long> sizes = null;
        try (Connection connection = resources.dataSource().getConnection()) {
            try {
                PGConnection pg = connection.unwrap(PGConnection.class);
                if (!staging && prefix != null && !prefix.continuesEveryShard(connection, keys, from, to)) {
                    staging = true; // a replay or a gap: only the stage can sort it out
                }
                if (staging) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(spec.createStageSql);
                    }
                    copied = copy(pg, spec.copyStageSql, from, to);
                    if (prefix != null) {
                        forks = recordForks(connection);
                        long parked = LedgerPrefix.park(connection, spec.parkFromStageSql);
                        inserted = prefix.promoteParked(connection, shards, false);
                        // Staged rows the ledger held already are duplicates (or forks): copied - inserted - forks below.
                        copied = inserted + (copied - parked);
                    } else {
                        try (Statement statement = connection.createStatement()) {
                            inserted = statement.executeUpdate(spec.insertFromStageSql);
                        }
                        if (inserted < copied && spec.recordForksSql != null) {
                            forks = recordForks(connection);
                        }
                    }
                } else {
                    copied = copy(pg, spec.copyDirectSql, from, to);
                    inserted = copied;
                    if (prefix != null) {
                        if (!unstorable.isEmpty()) {
                            // A row left out would be a hole in its chain: let the stage park what follows it.
                            rollbackQuietly(connection);
                            writeRange(from, to, true);
                            return;
                        }
                        long moved = prefix.promoteParked(connection, shards, true);
                        inserted += moved;
                        copied += moved;
                    }
                }
                recordUnstorable(connection);
                if (prefix != null) {
                    sizes = prefix.sizes(connection, shards);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
        if (sizes != null) {
            prefix.committed(sizes);
        }
        metrics.rowsStored.increment(inserted);
        metrics.rowsDuplicate.increment(copied - inserted - forks.size());
        if (!forks.isEmpty()) {
            metrics.forks.increment(forks.size());
            for (int i = 0; i < Math.min(forks.size(), MAX_LOGGED_FORKS_PER_BATCH); i++) {
                LOG.error("postgres-store: FORK: a stored key arrived with a different hash; stored row kept, "
                        + "refused version recorded: map={}, table={}, {}", mapName, spec.table, forks.get(i));
            }
            if (forks.size() > MAX_LOGGED_FORKS_PER_BATCH) {
                LOG.error("postgres-store: FORK: more forks in this batch: map={}, notLogged={}", mapName,
                        forks.size() - MAX_LOGGED_FORKS_PER_BATCH);
            }
        }
        for (String[] row : unstorable) {
            metrics.rowsUnstorable.increment();
            LOG.error("postgres-store: row cannot be stored exactly, set aside in unstorable_row: map={}, table={}, {}, "
                    + "reason={}", mapName, spec.table, row[0], row[1]);
        }
    }

    @SuppressWarnings("unchecked")
    private long copy(PGConnection pg, String sql, int from, int to) throws SQLException {
        CopyIn copyIn = pg.getCopyAPI().copyIn(sql);
        try {
            writer.begin(copyIn::writeToCopy);
            for (int i = from; i < to; i++) {
                try {
                    spec.encoder.encode((K) keys[i], (V) values[i], writer);
                } catch (UnstorableValueException e) {
                    writer.abortRow();
                    unstorable.add(new String[] {spec.encoder.describeKey((K) keys[i]), e.getMessage()});
                }
            }
            writer.finish();
            return copyIn.endCopy();
        } finally {
            if (copyIn.isActive()) {
                try {
                    copyIn.cancelCopy();
                } catch (SQLException ignored) {
                    // the connection is broken; the caller's rollback and the pool deal with it
                }
            }
        }
    }

    private List<String> recordForks(Connection connection) throws SQLException {
        List<String> forks = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(spec.recordForksSql)) {
            while (rows.next()) {
                forks.add(rows.getString(1));
            }
        }
        return forks;
    }

    private void recordUnstorable(Connection connection) throws SQLException {
        if (unstorable.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(unstorableInsertSql())) {
            for (String[] row : unstorable) {
                insert.setString(1, spec.table);
                insert.setString(2, row[0]);
                insert.setString(3, row[1]);
                insert.setString(4, null);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private String unstorableInsertSql() {
        return "INSERT INTO " + spec.qualifiedUnstorable + " (table_name, row_key, reason, sql_state) VALUES (?, ?, ?, ?)";
    }

    private void pause(long waitMs, int rows) {
        try {
            if (closed.await(waitMs, TimeUnit.MILLISECONDS)) {
                throw new StoreClosedException("postgres-store: closed while waiting for the database: map=" + mapName
                        + ", rows=" + rows);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreClosedException("postgres-store: interrupted while waiting for the database: map=" + mapName
                    + ", rows=" + rows);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // broken connection: nothing was committed
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "-";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
