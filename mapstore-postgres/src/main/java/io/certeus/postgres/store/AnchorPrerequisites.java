package io.certeus.postgres.store;

import io.certeus.core.model.Anchor;
import io.certeus.core.retry.Backoff;
import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.schema.LedgerTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What must be in PostgreSQL before an anchor row is written, waited for (with the store's outage
 * backoff) and done in order:
 * <ol>
 *   <li>everything the anchor commits to: the entry at every head it records (so no crash can leave a
 *       stored anchor pointing at an entry that is gone) and the anchor before it (so the anchor table
 *       is a prefix of the anchor chain, as the ledger's table is of the shard chains). The heads are
 *       normally stored within a write-behind delay of the anchor. An anchor whose predecessor is
 *       stored with another hash than the one it links to belongs to a forked chain (a restarted job
 *       that anchored again): it is never stored, so the stored anchors always verify as one chain;</li>
 *   <li>its signature by the operator's key, when one is configured ({@link AnchorSigner}), so no
 *       stored anchor lacks one.</li>
 * </ol>
 *
 * <p>Thread-safe: {@link #awaitStorable} is called by one store's writer; {@link #close} from any thread.
 */
final class AnchorPrerequisites {
    private static final Logger LOG = LoggerFactory.getLogger(AnchorPrerequisites.class);
    private static final long LOG_INTERVAL_NS = TimeUnit.SECONDS.toNanos(30);

    private final StoreResources resources;
    private final String mapName;
    private final String coverageSql;
    private final AnchorSigner signer;
    private final CountDownLatch closed = new CountDownLatch(1);

    /** @param signer signs each anchor before it is stored, or {@code null} (anchors not signed) */
    AnchorPrerequisites(StoreResources resources, String mapName, AnchorSigner signer) {
        this.resources = resources;
        this.mapName = mapName;
        this.signer = signer;
        LedgerTables tables = resources.tables();
        this.coverageSql = "SELECT (SELECT count(*) FROM unnest(?::int4[], ?::int8[]) AS h(shard, position) JOIN "
                + tables.qualified(LedgerTables.LEDGER_ENTRY) + " e ON e.shard = h.shard AND e.position = h.position),"
                + " (SELECT anchor_hash FROM " + tables.qualified(LedgerTables.ANCHOR) + " WHERE sequence = ? - 1)";
    }

    /** What the store does with an anchor. */
    enum Verdict {
        /** Its prerequisites are in PostgreSQL (and it is signed): store it. */
        STORE,
        /** It links to another predecessor than the stored one: never store it. */
        FORKED
    }

    /** Marks an anchor of a forked chain in {@link #missing}. */
    private static final String FORKED = "forked";

    /**
     * Returns once {@code anchor} may be stored (and is signed), or at once when it belongs to a forked
     * chain; throws {@link StoreClosedException} when the store closes first.
     */
    Verdict awaitStorable(Anchor anchor) {
        PostgresSettings settings = resources.settings();
        Backoff backoff = Backoff.exponential(settings.retryInitialBackoffMs(), settings.retryMaxBackoffMs());
        long startNs = System.nanoTime();
        long lastLogNs = startNs;
        for (int attempt = 1; ; attempt++) {
            String missing;
            try {
                missing = missing(anchor);
                if (missing == null && signer != null) {
                    sign(anchor);
                }
            } catch (SQLException e) {
                missing = "database: " + CopyBatchWriter.firstLine(e.getMessage());
            }
            if (missing == null) {
                return Verdict.STORE;
            }
            if (FORKED.equals(missing)) {
                return Verdict.FORKED;
            }
            long nowNs = System.nanoTime();
            if (nowNs - lastLogNs >= LOG_INTERVAL_NS) {
                lastLogNs = nowNs;
                LOG.warn("postgres-store: anchor held back until PostgreSQL has what it commits to: map={}, sequence={}, "
                        + "waitedMs={}, why={}", mapName, anchor.sequence(), TimeUnit.NANOSECONDS.toMillis(nowNs - startNs), missing);
            }
            try {
                if (closed.await(backoff.delayMs(attempt), TimeUnit.MILLISECONDS)) {
                    throw new StoreClosedException("postgres-store: closed while an anchor waited for its heads: map=" + mapName
                            + ", sequence=" + anchor.sequence());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreClosedException("postgres-store: interrupted while an anchor waited for its heads: map="
                        + mapName + ", sequence=" + anchor.sequence());
            }
        }
    }

    /** Why {@code anchor} cannot be stored yet, or {@code null}. */
    String missing(Anchor anchor) throws SQLException {
        List<Integer> shards = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        long[] sizes = anchor.shardSizes();
        for (int shard = 0; shard < sizes.length; shard++) {
            if (sizes[shard] > 0) {
                shards.add(shard);
                positions.add(sizes[shard] - 1);
            }
        }
        try (Connection connection = resources.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(coverageSql)) {
            select.setArray(1, connection.createArrayOf("int4", shards.toArray(new Integer[0])));
            select.setArray(2, connection.createArrayOf("int8", positions.toArray(new Long[0])));
            select.setLong(3, anchor.sequence());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                long present = row.getLong(1);
                byte[] predecessorHash = row.getBytes(2);
                connection.commit();
                if (anchor.sequence() > 0 && predecessorHash != null && !Arrays.equals(predecessorHash, anchor.prevAnchorHash())) {
                    return FORKED;
                }
                if (present < shards.size()) {
                    return "heads not yet in ledger_entry: missing=" + (shards.size() - present) + ", heads=" + shards.size();
                }
                return anchor.sequence() == 0 || predecessorHash != null ? null : "anchor " + (anchor.sequence() - 1) + " not stored yet";
            }
        }
    }

    private void sign(Anchor anchor) throws SQLException {
        try (Connection connection = resources.dataSource().getConnection()) {
            signer.record(connection, anchor);
            connection.commit();
        }
    }

    /** Ends any wait; later waits end at once with {@link StoreClosedException}. */
    void close() {
        closed.countDown();
    }
}
