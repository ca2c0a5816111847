package io.certeus.cli.bench;

import io.certeus.cli.demo.CaseWorkload;
import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.postgres.copy.PgCopyWriter;
import io.certeus.postgres.schema.LedgerTables;
import io.certeus.postgres.table.LedgerRows;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL's raw write ceiling for ledger rows: the bench's kind of events chained per shard,
 * encoded beforehand with the project's {@link LedgerRows}, then one binary COPY into
 * {@link #TABLE} ({@code LIKE ledger_entry INCLUDING ALL}: same columns and indexes) in the bench
 * schema, committed; only the COPY and commit are timed. The table is dropped afterwards.
 *
 * <p>Not thread-safe: one measurement at a time.
 */
public final class CopyCeiling {
    public static final String TABLE = "bench_copy_ceiling";
    private static final int CHUNK_BYTES = 1 << 20;

    /** Rows per second and the mean encoded row size. */
    public static final class Result {
        public final double rowsPerS;
        public final int meanRowBytes;

        Result(double rowsPerS, int meanRowBytes) {
            this.rowsPerS = rowsPerS;
            this.meanRowBytes = meanRowBytes;
        }
    }

    private CopyCeiling() {
    }

    public static Result measure(Connection connection, String schema, int rows, int cases) throws SQLException {
        if (rows < 1) {
            throw new IllegalArgumentException("COPY ceiling needs rows: rows=" + rows);
        }
        List<byte[]> chunks = encode(rows, cases);
        long bytes = chunks.stream().mapToLong(c -> c.length).sum();
        LedgerTables tables = new LedgerTables(schema);
        String table = tables.qualified(TABLE);
        boolean autoCommit = connection.getAutoCommit();
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute("CREATE TABLE " + table + " (LIKE " + tables.qualified(LedgerTables.LEDGER_ENTRY)
                    + " INCLUDING ALL)");
            connection.setAutoCommit(false);
            long startNs = System.nanoTime();
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (" + LedgerRows.COLUMNS + ") FROM STDIN (FORMAT binary)");
            try {
                for (byte[] chunk : chunks) {
                    copy.writeToCopy(chunk, 0, chunk.length);
                }
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            connection.commit();
            long tookNs = System.nanoTime() - startNs;
            statement.execute("DROP TABLE " + table);
            connection.commit();
            return new Result(rows / (tookNs / (double) TimeUnit.SECONDS.toNanos(1)), (int) (bytes / rows));
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** {@code rows} chained ledger rows as binary COPY chunks. */
    static List<byte[]> encode(int rows, int cases) throws SQLException {
        CaseWorkload workload = new CaseWorkload(cases, 13, Instant.now().minusSeconds(86_400));
        LedgerHasher hasher = new LedgerHasher();
        LedgerRows encoder = new LedgerRows();
        long[] nextPosition = new long[Shards.SHARD_COUNT];
        byte[][] head = new byte[Shards.SHARD_COUNT][];
        Arrays.fill(head, Hashes.ZERO_HASH);
        long ingestedAtMicros = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
        List<byte[]> chunks = new ArrayList<>();
        PgCopyWriter writer = new PgCopyWriter(CHUNK_BYTES);
        writer.begin((buffer, offset, length) -> chunks.add(Arrays.copyOfRange(buffer, offset, offset + length)));
        for (int i = 0; i < rows; i++) {
            Event event = workload.next().withIngestedAtMicros(ingestedAtMicros + i);
            int shard = Shards.shardOf(event.caseId());
            long position = nextPosition[shard]++;
            byte[] hash = hasher.entryHash(shard, position, head[shard], event);
            encoder.encode(new LedgerKey(shard, position), new LedgerEntry(event, shard, position, head[shard], hash), writer);
            head[shard] = hash;
        }
        writer.finish();
        return chunks;
    }
}
