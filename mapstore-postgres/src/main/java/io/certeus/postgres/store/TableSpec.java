package io.certeus.postgres.store;

import io.certeus.postgres.schema.LedgerTables;
import io.certeus.postgres.table.TableRows;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How one map's rows land in one table: the target, its staging table, its conflict key and, for
 * tables whose rows carry a hash, where forks are recorded. Builds the SQL once.
 *
 * <p>Thread-safe: immutable.
 */
final class TableSpec<K, V> {
    final String table;
    final TableRows<K, V> encoder;
    final String copyDirectSql;
    final String createStageSql;
    final String copyStageSql;
    final String insertFromStageSql;
    /** {@code null} for tables without fork detection (a repeated key is a duplicate, whatever its content). */
    final String recordForksSql;
    final String qualifiedUnstorable;
    /** The ledger's prefix keeper: rows are parked instead of inserted from the stage; {@code null} for other tables. */
    final LedgerPrefix prefix;
    /** With {@link #prefix}: parks the staged rows the table does not hold yet. */
    final String parkFromStageSql;

    /**
     * @param keyColumns      the primary key, e.g. {@code shard, position}
     * @param hashColumn      the column whose difference makes a fork, or {@code null}
     * @param forkTable       the table recording forks: the target's columns plus {@code existingHashColumn}
     * @param describeForkSql SQL expression over the fork table's returned row describing it for logs
     */
    TableSpec(LedgerTables tables, String table, TableRows<K, V> encoder, String keyColumns, String hashColumn,
            String forkTable, String existingHashColumn, String describeForkSql) {
        this(tables, table, encoder, keyColumns, hashColumn, forkTable, existingHashColumn, describeForkSql, null);
    }

    /** @param prefix keeps the table a prefix of every shard's chain (the ledger), or {@code null} */
    TableSpec(LedgerTables tables, String table, TableRows<K, V> encoder, String keyColumns, String hashColumn,
            String forkTable, String existingHashColumn, String describeForkSql, LedgerPrefix prefix) {
        this.table = table;
        this.prefix = prefix;
        this.encoder = encoder;
        String qualified = tables.qualified(table);
        String stage = "certeus_stage_" + tables.schema() + "_" + table;
        String columns = encoder.columns();
        this.copyDirectSql = "COPY " + qualified + " (" + columns + ") FROM STDIN (FORMAT binary)";
        this.createStageSql = "CREATE TEMP TABLE IF NOT EXISTS " + stage + " (LIKE " + qualified
                + ") ON COMMIT DELETE ROWS";
        this.copyStageSql = "COPY " + stage + " (" + columns + ") FROM STDIN (FORMAT binary)";
        this.insertFromStageSql = "INSERT INTO " + qualified + " (" + columns + ") SELECT " + columns + " FROM " + stage
                + " ON CONFLICT (" + keyColumns + ") DO NOTHING";
        if (hashColumn == null) {
            this.recordForksSql = null;
        } else {
            String join = Arrays.stream(keyColumns.split(","))
                    .map(String::trim)
                    .map(c -> "t." + c + " = s." + c)
                    .collect(Collectors.joining(" AND "));
            String stageColumns = Arrays.stream(columns.split(","))
                    .map(String::trim)
                    .map(c -> "s." + c)
                    .collect(Collectors.joining(", "));
            this.recordForksSql = "INSERT INTO " + tables.qualified(forkTable) + " (" + columns + ", " + existingHashColumn
                    + ") SELECT " + stageColumns + ", t." + hashColumn + " FROM " + stage + " s JOIN " + qualified
                    + " t ON " + join + " WHERE t." + hashColumn + " <> s." + hashColumn
                    + " ON CONFLICT DO NOTHING RETURNING " + describeForkSql;
        }
        this.qualifiedUnstorable = tables.qualified(LedgerTables.UNSTORABLE_ROW);
        this.parkFromStageSql = prefix == null ? null : prefix.parkFromStageSql(stage);
    }

    /** {@code a, b} -> {@code t.a, t.b}. */
    static String prefixed(String columns, String alias) {
        return Arrays.stream(columns.split(","))
                .map(String::trim)
                .map(c -> alias + "." + c)
                .collect(Collectors.joining(", "));
    }
}
