package io.certeus.postgres.table;

import io.certeus.core.hash.CanonicalEncoding;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.verify.StoredAnchor;
import io.certeus.postgres.copy.PgCopyWriter;
import io.certeus.postgres.copy.UnstorableValueException;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code anchor} table: one row per anchor. Shard sizes are kept as bytea, 8 bytes per shard big-endian, and
 * head hashes as their 32-byte concatenation, so an anchor reads back byte for byte.
 *
 * <p>Thread-safe: stateless; the writer it is given is not.
 */
public final class AnchorRows implements TableRows<Long, Anchor> {
    public static final String COLUMNS = "sequence, hash_version, anchored_at, shard_count, merkle_root, "
            + "prev_anchor_hash, anchor_hash, shard_sizes, head_hashes";
    public static final int FIELD_COUNT = 9;

    @Override
    public String columns() {
        return COLUMNS;
    }

    @Override
    public Anchor decode(ResultSet row) throws SQLException {
        byte[] sizes = row.getBytes("shard_sizes");
        long[] shardSizes = new long[sizes.length / Long.BYTES];
        ByteBuffer.wrap(sizes).asLongBuffer().get(shardSizes);
        return new Anchor(row.getLong("sequence"), TimestampColumns.micros(row, "anchored_at"), row.getBytes("merkle_root"),
                row.getBytes("prev_anchor_hash"), row.getBytes("anchor_hash"), shardSizes, row.getBytes("head_hashes"));
    }

    /** The anchor with what its row declares of itself, for verification; a row that does not decode names its field. */
    public StoredAnchor decodeStored(ResultSet row) throws SQLException {
        long sequence = row.getLong("sequence");
        int hashVersion = row.getShort("hash_version");
        int shardCount = row.getInt("shard_count");
        try {
            return StoredAnchor.decoded(decode(row), hashVersion, shardCount);
        } catch (RuntimeException undecodable) {
            return StoredAnchor.undecodable(sequence, hashVersion, shardCount, undecodableField(row), undecodable.toString());
        }
    }

    /** Which field keeps a row from decoding: sizes not whole 8-byte values, heads not one per size, or the time. */
    private static String undecodableField(ResultSet row) throws SQLException {
        byte[] sizes = row.getBytes("shard_sizes");
        byte[] heads = row.getBytes("head_hashes");
        if (sizes == null || sizes.length % Long.BYTES != 0) {
            return "shardSizes";
        }
        if (heads == null || heads.length != sizes.length / Long.BYTES * Hashes.HASH_BYTES) {
            return "headHashes";
        }
        return "anchoredAt";
    }

    @Override
    public void encode(Long key, Anchor anchor, PgCopyWriter out) throws SQLException {
        if (key != anchor.sequence()) {
            throw new UnstorableValueException("sequence", "key does not match anchor: key=" + key
                    + ", sequence=" + anchor.sequence());
        }
        out.beginRow(FIELD_COUNT);
        out.putInt8(anchor.sequence());
        out.putInt2(CanonicalEncoding.VERSION);
        out.putTimestampMicros("anchored_at", anchor.anchoredAtMicros());
        out.putInt4(anchor.shardCount());
        out.putBytes(anchor.merkleRoot());
        out.putBytes(anchor.prevAnchorHash());
        out.putBytes(anchor.anchorHash());
        out.putInt8Array(anchor.shardSizes());
        out.putBytes(anchor.headHashes());
        out.endRow();
    }

    @Override
    public String describeKey(Long key) {
        return "sequence=" + key;
    }
}
