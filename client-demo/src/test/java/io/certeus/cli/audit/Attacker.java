package io.certeus.cli.audit;

import io.certeus.core.hash.FieldDigests;
import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.merkle.AnchorCalculator;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.Shards;
import io.certeus.core.sign.AnchorSigning;
import io.certeus.core.verify.StoredEntry;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A database administrator rewriting the ledger: knows the published algorithm (docs/HASHING.md) and
 * has the project's hashing classes, holds every table, but not the members' anchor-signing key.
 * Changes rows in SQL, recomputes a shard's chain (hashes and field digests) and every anchor, and
 * signs with a key of their own.
 *
 * <p>Not thread-safe: one per connection, on the test thread.
 */
final class Attacker {
    private final Connection connection;
    private final String schema;

    Attacker(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
    }

    /** Runs {@code statements} in order. */
    void sql(String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Inserts a copy of row (fromShard, fromPosition) at (toShard, toPosition), with {@code alsoSet} (SQL, may be empty) applied. */
    void copyRow(int fromShard, long fromPosition, int toShard, long toPosition, String alsoSet) throws SQLException {
        sql("CREATE TEMP TABLE copied AS SELECT * FROM ledger_entry WHERE shard = " + fromShard + " AND position = " + fromPosition,
                "UPDATE copied SET shard = " + toShard + ", position = " + toPosition + (alsoSet.isEmpty() ? "" : ", " + alsoSet),
                "INSERT INTO ledger_entry SELECT * FROM copied",
                "DROP TABLE copied");
    }

    /** Recomputes prev_hash, hash and field_digests of every row of {@code shard}, whose positions must be 0, 1, 2, ... */
    void rechain(int shard) throws SQLException {
        LedgerHasher hasher = new LedgerHasher();
        FieldDigests digests = new FieldDigests();
        byte[] prev = Hashes.ZERO_HASH;
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE ledger_entry SET prev_hash = ?, hash = ?, field_digests = ? WHERE shard = ? AND position = ?")) {
            for (LedgerEntry row : chains().getOrDefault(shard, List.of())) {
                byte[] hash = hasher.entryHash(shard, row.position(), prev, row.event());
                update.setBytes(1, prev);
                update.setBytes(2, hash);
                update.setBytes(3, digests.digest(new LedgerEntry(row.event(), shard, row.position(), prev, hash)));
                update.setInt(4, shard);
                update.setLong(5, row.position());
                update.executeUpdate();
                prev = hash;
            }
        }
    }

    /** Recomputes every anchor over what the shards now hold, keeping each anchor's time. */
    void reanchor() throws SQLException {
        reanchor(-1, 0);
    }

    /**
     * Recomputes every anchor, in sequence order, over what the shards now hold: each records the size
     * it recorded, or the shard's length when shorter, and links to the re-forged anchor before it.
     * Anchor {@code retimedSequence} also gets its time moved by {@code shiftMicros}.
     */
    void reanchor(long retimedSequence, long shiftMicros) throws SQLException {
        Map<Integer, List<LedgerEntry>> chains = chains();
        AnchorCalculator calculator = new AnchorCalculator();
        byte[] prevAnchorHash = Hashes.ZERO_HASH;
        try (PreparedStatement update = connection.prepareStatement("UPDATE anchor SET anchored_at = ?, merkle_root = ?, "
                + "prev_anchor_hash = ?, anchor_hash = ?, shard_sizes = ?, head_hashes = ? WHERE sequence = ?")) {
            for (Anchor stored : new PostgresLedgerReader(connection, schema).anchors()) {
                long[] sizes = new long[Shards.SHARD_COUNT];
                byte[] heads = new byte[Shards.SHARD_COUNT * Hashes.HASH_BYTES];
                for (int shard = 0; shard < Shards.SHARD_COUNT; shard++) {
                    List<LedgerEntry> chain = chains.getOrDefault(shard, List.of());
                    sizes[shard] = Math.min(stored.shardSizes()[shard], chain.size());
                    if (sizes[shard] > 0) {
                        System.arraycopy(chain.get((int) sizes[shard] - 1).hash(), 0, heads, shard * Hashes.HASH_BYTES, Hashes.HASH_BYTES);
                    }
                }
                long anchoredAt = stored.anchoredAtMicros() + (stored.sequence() == retimedSequence ? shiftMicros : 0);
                Anchor forged = calculator.anchor(stored.sequence(), anchoredAt, sizes, heads, prevAnchorHash);
                ByteBuffer sizeBytes = ByteBuffer.allocate(sizes.length * Long.BYTES);
                sizeBytes.asLongBuffer().put(sizes);
                update.setObject(1, OffsetDateTime.ofInstant(Instant.EPOCH.plusNanos(anchoredAt * 1_000), ZoneOffset.UTC));
                update.setBytes(2, forged.merkleRoot());
                update.setBytes(3, forged.prevAnchorHash());
                update.setBytes(4, forged.anchorHash());
                update.setBytes(5, sizeBytes.array());
                update.setBytes(6, forged.headHashes());
                update.setLong(7, forged.sequence());
                update.executeUpdate();
                prevAnchorHash = forged.anchorHash();
            }
        }
    }

    /** Signs every stored anchor with {@code key}, as the members store signatures. */
    void sign(KeyPair key) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO anchor_signature (sequence, anchor_hash, key_id, "
                + "public_key, signature) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Anchor anchor : new PostgresLedgerReader(connection, schema).anchors()) {
                insert.setLong(1, anchor.sequence());
                insert.setBytes(2, anchor.anchorHash());
                insert.setString(3, AnchorSigning.keyId(key.getPublic()));
                insert.setBytes(4, key.getPublic().getEncoded());
                insert.setBytes(5, AnchorSigning.sign(key.getPrivate(), anchor.sequence(), anchor.anchorHash()));
                insert.executeUpdate();
            }
        }
    }

    /** Every stored entry by shard, in position order, as the audit's reader decodes them. */
    private Map<Integer, List<LedgerEntry>> chains() throws SQLException {
        Map<Integer, List<LedgerEntry>> chains = new HashMap<>();
        new PostgresLedgerReader(connection, schema).forEachEntry(new PostgresLedgerReader.RowConsumer() {
            @Override
            public boolean accept(StoredEntry row) {
                chains.computeIfAbsent(row.entry().shard(), shard -> new ArrayList<>()).add(row.entry());
                return true;
            }

            @Override
            public boolean undecodable(int shard, long position, String field, String reason) {
                throw new IllegalStateException("the attacker re-forges decodable rows only: shard=" + shard + ", position=" + position);
            }
        });
        return chains;
    }
}
