package io.certeus.cli.bench;

import io.certeus.postgres.schema.LedgerTables;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds when sampled, chained events reach PostgreSQL: every {@code pollMs} one query looks up the
 * {@code ledger_entry} rows of the oldest outstanding samples (at most {@value #MAX_KEYS_PER_POLL})
 * by (shard, position). Durable latency therefore includes up to one poll interval. The cap keeps the
 * probe's own load on PostgreSQL small (each key is an index lookup) when the write-behind lags and
 * many samples wait; rows become durable roughly in chain order, so the oldest are the ones to ask for. Keeps each sample's send index and durable time for the decile
 * rates.
 *
 * <p>Thread-safe: {@link #follow} from any thread; polling runs on the probe's own thread;
 * {@link #sampleIndexes} and {@link #sampleDurableNs} after {@link #finish}.
 */
public final class DurableProbe implements AutoCloseable {
    private static final long SHARD_KEY_MULTIPLIER = 1L << 44;
    static final int MAX_KEYS_PER_POLL = 128;

    private static final class Sample {
        final long index;
        final long intendedNs;
        final int shard;
        final long position;
        final boolean measured;

        Sample(long index, long intendedNs, int shard, long position, boolean measured) {
            this.measured = measured;
            this.index = index;
            this.intendedNs = intendedNs;
            this.shard = shard;
            this.position = position;
        }
    }

    private final Connection connection;
    private final LatencyRecorder durable;
    private final long pollNs;
    private final String query;
    private final ConcurrentLinkedQueue<Sample> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    /** Outstanding samples, oldest chained first. */
    private final Map<Long, Sample> waiting = new LinkedHashMap<>();
    private final List<long[]> done = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile SQLException failure;

    public DurableProbe(Connection connection, String schema, LatencyRecorder durable, long pollMs) {
        if (pollMs < 1) {
            throw new IllegalArgumentException("durable poll interval must be positive: pollMs=" + pollMs);
        }
        this.connection = connection;
        this.durable = durable;
        this.pollNs = TimeUnit.MILLISECONDS.toNanos(pollMs);
        // The probed keys drive primary-key lookups (a nested loop over unnest). The form
        // "(shard, position) IN (SELECT * FROM unnest(...))" was planned as a scan of the growing
        // table on every poll: measured 29 % of a core of PostgreSQL at 6,000 events/s, more than
        // the ledger's own COPY (11 %), so the load test was loading the system it measured.
        this.query = "SELECT t.shard, t.position FROM unnest(?::int4[], ?::int8[]) AS k(shard, position) JOIN "
                + new LedgerTables(schema).qualified(LedgerTables.LEDGER_ENTRY) + " t ON t.shard = k.shard AND t.position = k.position";
        this.thread = new Thread(this::run, "certeus-bench-durable-probe");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Watches for the row of a chained sample; records its latency only when {@code measured}. */
    public void follow(long index, long intendedNs, int shard, long position, boolean measured) {
        outstanding.incrementAndGet();
        arrivals.add(new Sample(index, intendedNs, shard, position, measured));
    }

    /** Samples chained and not yet seen in PostgreSQL. */
    public int outstanding() {
        return outstanding.get();
    }

    /** Samples seen in PostgreSQL. Accurate after {@link #finish}. */
    public int completed() {
        synchronized (done) {
            return done.size();
        }
    }

    /** One last poll, then stops the thread. */
    public void finish() throws InterruptedException, SQLException {
        running = false;
        LockSupport.unpark(thread);
        thread.join();
        while (!waiting.isEmpty() && pollOnce() > 0) {
            // the capped poll found rows: ask again for the next oldest
        }
        if (failure != null) {
            throw failure;
        }
    }

    public long[] sampleIndexes() {
        synchronized (done) {
            return done.stream().mapToLong(s -> s[0]).toArray();
        }
    }

    /** System.nanoTime() at which each sample was seen durable, in the order of {@link #sampleIndexes}. */
    public long[] sampleDurableNs() {
        synchronized (done) {
            return done.stream().mapToLong(s -> s[1]).toArray();
        }
    }

    private void run() {
        while (running) {
            long nextNs = System.nanoTime() + pollNs;
            try {
                pollOnce();
            } catch (SQLException e) {
                failure = e;
                return;
            }
            LockSupport.parkNanos(Math.max(0, nextNs - System.nanoTime()));
        }
    }

    /** Looks up the oldest outstanding samples; returns how many were found durable. */
    private int pollOnce() throws SQLException {
        Sample arrived;
        while ((arrived = arrivals.poll()) != null) {
            waiting.put(arrived.shard * SHARD_KEY_MULTIPLIER + arrived.position, arrived);
        }
        if (waiting.isEmpty()) {
            return 0;
        }
        int keys = Math.min(waiting.size(), MAX_KEYS_PER_POLL);
        Integer[] shards = new Integer[keys];
        Long[] positions = new Long[keys];
        int i = 0;
        for (Sample sample : waiting.values()) {
            if (i == keys) {
                break;
            }
            shards[i] = sample.shard;
            positions[i] = sample.position;
            i++;
        }
        int found = 0;
        Array shardArray = connection.createArrayOf("int4", shards);
        Array positionArray = connection.createArrayOf("int8", positions);
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setArray(1, shardArray);
            statement.setArray(2, positionArray);
            try (ResultSet rows = statement.executeQuery()) {
                long nowNs = System.nanoTime();
                while (rows.next()) {
                    Sample sample = waiting.remove(rows.getInt(1) * SHARD_KEY_MULTIPLIER + rows.getLong(2));
                    if (sample != null) {
                        found++;
                        if (sample.measured) {
                            durable.record(sample.intendedNs, nowNs);
                        }
                        outstanding.decrementAndGet();
                        synchronized (done) {
                            done.add(new long[] {sample.index, nowNs});
                        }
                    }
                }
            }
        } finally {
            shardArray.free();
            positionArray.free();
        }
        return found;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        if (thread.isAlive()) {
            thread.join();
        }
    }
}
