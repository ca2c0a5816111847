package io.certeus.postgres.copy;

import io.certeus.core.hash.CanonicalEncoding;
import io.certeus.core.model.Anchor;

import java.sql.SQLException;

/**
 * One {@code anchor} row per anchor. Shard sizes are kept as bytea, 8 bytes per shard big-endian, and
 * head hashes as their 32-byte concatenation, so an anchor reads back byte for byte.
 *
 * <p>Thread-safe: stateless; the writer it is given is not.
 */
public final class AnchorRowEncoder implements RowEncoder<Long, Anchor> {
    public static final String COLUMNS = "sequence, hash_version, anchored_at, shard_count, merkle_root, "
            + "prev_anchor_hash, anchor_hash, shard_sizes, head_hashes";
    public static final int FIELD_COUNT = 9;

    @Override
    public String columns() {
        return COLUMNS;
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
