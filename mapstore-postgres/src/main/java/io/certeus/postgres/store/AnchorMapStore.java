package io.certeus.postgres.store;

import io.certeus.core.MapNames;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.schema.LedgerTables;
import io.certeus.postgres.table.AnchorRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Write-behind store of the anchor map ({@code Long sequence -> Anchor}) into {@code anchor}: one row
 * per sequence; a second anchor with the same sequence and a different hash is a fork, recorded in
 * {@code anchor_fork}. Anchors are stored one at a time in sequence order, each only once PostgreSQL
 * holds its predecessor and the entry at every head it records, and, with a signing key configured,
 * after its Ed25519 signature ({@link AnchorPrerequisites}).
 * Configured by class name in {@code hazelcast.yaml} (map {@code certeus-anchors}).
 *
 * <p>Thread-safe: see {@link AbstractPostgresMapStore}.
 */
public final class AnchorMapStore extends AbstractPostgresMapStore<Long, Anchor> {
    private static final AnchorRows ANCHOR_ROWS = new AnchorRows();

    private static final Logger LOG = LoggerFactory.getLogger(AnchorMapStore.class);

    private volatile AnchorPrerequisites prerequisites;

    public AnchorMapStore() {
        super(null);
    }

    public AnchorMapStore(PostgresSettings settings) {
        super(settings);
    }

    @Override
    public void storeAll(Map<Long, Anchor> batch) {
        AnchorPrerequisites waiter = prerequisites;
        if (waiter == null) {
            StoreResources resources = requireResources();
            AnchorSigner signer = AnchorSigner.fromSettings(resources.settings(), resources.tables());
            if (signer == null) {
                LOG.warn("postgres-store: anchors are NOT signed: no {} set; a database administrator could re-forge them "
                        + "(docs/SECURITY.md)", PostgresSettings.ANCHOR_SIGNING_KEY_FILE);
            } else {
                LOG.info("postgres-store: anchors are signed: keyId={}", signer.keyId());
            }
            waiter = new AnchorPrerequisites(resources, MapNames.ANCHORS, signer);
            prerequisites = waiter;
        }
        List<Anchor> inOrder = new ArrayList<>(batch.values());
        inOrder.sort(Comparator.comparingLong(Anchor::sequence));
        for (Anchor anchor : inOrder) {
            if (waiter.awaitStorable(anchor) == AnchorPrerequisites.Verdict.FORKED) {
                // Storing it would break the stored chain; the grid's job anchors on a fork of it (issue 10).
                metrics().forks.increment();
                LOG.error("postgres-store: FORK: anchor links to another predecessor than the stored one; not stored: map={}, "
                        + "sequence={}, anchorHash={}, prevAnchorHash={}", MapNames.ANCHORS, anchor.sequence(),
                        Hashes.hex(anchor.anchorHash()), Hashes.hex(anchor.prevAnchorHash()));
            } else {
                super.storeAll(Map.of(anchor.sequence(), anchor));
            }
            forget(batch, anchor.sequence());
        }
    }

    /** Stored: off the batch, so Hazelcast does not store it again when a later anchor fails. */
    private static void forget(Map<Long, Anchor> batch, long sequence) {
        try {
            batch.remove(sequence);
        } catch (UnsupportedOperationException readOnly) {
            // a caller's fixed map (tests, tools): nothing retries from it
        }
    }

    @Override
    public void destroy() {
        AnchorPrerequisites waiter = prerequisites;
        if (waiter != null) {
            waiter.close();
        }
        super.destroy();
    }

    @Override
    protected TableSpec<Long, Anchor> tableSpec(StoreResources resources) {
        return new TableSpec<>(resources.tables(), LedgerTables.ANCHOR, new AnchorRows(), "sequence",
                "anchor_hash", LedgerTables.ANCHOR_FORK, "existing_anchor_hash",
                "'sequence=' || sequence || ', storedHash=' || encode(existing_anchor_hash, 'hex')"
                        + " || ', refusedHash=' || encode(anchor_hash, 'hex')");
    }

    @Override
    protected String selectOneSql(StoreResources resources) {
        return "SELECT " + AnchorRows.COLUMNS + " FROM " + resources.tables().qualified(LedgerTables.ANCHOR)
                + " WHERE sequence = ?";
    }

    @Override
    protected void bindKey(PreparedStatement statement, Long key) throws SQLException {
        statement.setLong(1, key);
    }

    @Override
    protected Anchor decode(ResultSet row) throws SQLException {
        return ANCHOR_ROWS.decode(row);
    }

    @Override
    protected Long decodeKey(ResultSet row) throws SQLException {
        return row.getLong(1);
    }

    @Override
    protected String selectKeysSql(StoreResources resources) {
        return "SELECT sequence FROM " + resources.tables().qualified(LedgerTables.ANCHOR);
    }

    @Override
    protected void loadAll(Connection connection, StoreResources resources, Collection<Long> keys, Map<Long, Anchor> found)
            throws SQLException {
        String sql = "SELECT " + AnchorRows.COLUMNS + " FROM " + resources.tables().qualified(LedgerTables.ANCHOR)
                + " WHERE sequence = ANY (?)";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("int8", keys.toArray(new Long[0])));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Anchor anchor = ANCHOR_ROWS.decode(rows);
                    found.put(anchor.sequence(), anchor);
                }
            }
        }
    }
}
