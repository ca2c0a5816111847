package io.certeus.postgres.table;

import io.certeus.core.hash.CanonicalEncoding;
import io.certeus.core.hash.FieldDigests;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.verify.StoredEntry;
import io.certeus.postgres.copy.PgCopyWriter;
import io.certeus.postgres.copy.UnstorableValueException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.UUID;

/**
 * The {@code ledger_entry} table: one row per ledger entry, in the column order of {@link #COLUMNS}.
 * Refuses, before writing, anything the row could not hold exactly; reads rows back byte for byte,
 * with what the row declares of itself ({@code hash_version}, {@code field_digests}).
 *
 * <p>Thread-safe: no shared mutable state (digest scratch is per thread); the writer it is given is not.
 */
public final class LedgerRows implements TableRows<LedgerKey, LedgerEntry> {
    public static final String COLUMNS = "shard, position, hash_version, event_id, case_id, event_type, actor, "
            + "source_ip, document_hash, payload, occurred_at, ingested_at, prev_hash, hash, field_digests";
    public static final int FIELD_COUNT = 15;

    private static final Comparator<LedgerKey> PRIMARY_KEY_ORDER =
            Comparator.comparingInt(LedgerKey::shard).thenComparingLong(LedgerKey::position);

    /** Scratch per encoding thread: the digests are copied into the COPY buffer, so one array serves every row. */
    private static final ThreadLocal<FieldDigests> DIGESTS = ThreadLocal.withInitial(FieldDigests::new);
    private static final ThreadLocal<byte[]> DIGEST_SCRATCH = ThreadLocal.withInitial(() -> new byte[FieldDigests.LENGTH]);

    @Override
    public String columns() {
        return COLUMNS;
    }

    @Override
    public LedgerEntry decode(ResultSet row) throws SQLException {
        Event event = new Event(
                row.getObject("event_id", UUID.class),
                row.getString("case_id"),
                row.getString("event_type"),
                row.getString("actor"),
                row.getString("source_ip"),
                row.getBytes("document_hash"),
                row.getBytes("payload"),
                TimestampColumns.micros(row, "occurred_at"),
                TimestampColumns.micros(row, "ingested_at"));
        return new LedgerEntry(event, row.getInt("shard"), row.getLong("position"), row.getBytes("prev_hash"),
                row.getBytes("hash"));
    }

    /**
     * The entry with what its row declares of itself, for verification.
     *
     * @throws RuntimeException when the row does not decode; {@link #undecodableField} names the column
     */
    public StoredEntry decodeStored(ResultSet row) throws SQLException {
        return new StoredEntry(decode(row), row.getShort("hash_version"), row.getBytes("field_digests"));
    }

    /** Which field keeps a row from decoding: a time microseconds since the epoch cannot hold, else the row. */
    public String undecodableField(ResultSet row) throws SQLException {
        for (String[] time : new String[][] {{"occurred_at", "occurredAt"}, {"ingested_at", "ingestedAt"}}) {
            try {
                TimestampColumns.micros(row, time[0]);
            } catch (RuntimeException outOfRange) {
                return time[1];
            }
        }
        return "row";
    }

    @Override
    public void encode(LedgerKey key, LedgerEntry entry, PgCopyWriter out) throws SQLException {
        check(key, entry);
        Event event = entry.event();
        out.beginRow(FIELD_COUNT);
        out.putInt4(entry.shard());
        out.putInt8(entry.position());
        out.putInt2(CanonicalEncoding.VERSION);
        out.putUuid(event.eventId());
        out.putText("case_id", event.caseId());
        out.putText("event_type", event.type());
        out.putText("actor", event.actor());
        out.putText("source_ip", event.sourceIp());
        out.putBytes(event.documentHash());
        out.putBytes(event.payload());
        out.putTimestampMicros("occurred_at", event.occurredAtMicros());
        out.putTimestampMicros("ingested_at", event.ingestedAtMicros());
        out.putBytes(entry.prevHash());
        out.putBytes(entry.hash());
        byte[] digests = DIGEST_SCRATCH.get();
        DIGESTS.get().digest(entry, digests);
        out.putBytes(digests);
        out.endRow();
    }

    /**
     * (shard, position), the primary key's order: a batch's rows of one shard reach the B-tree as a
     * run of neighbouring keys instead of 1000 interleaved chains. At the rates measured so far the
     * gain was within noise (docs/BENCHMARKS.md); it costs one sort per batch.
     */
    @Override
    public Comparator<LedgerKey> rowOrder() {
        return PRIMARY_KEY_ORDER;
    }

    @Override
    public String describeKey(LedgerKey key) {
        return "shard=" + key.shard() + ", position=" + key.position();
    }

    private static void check(LedgerKey key, LedgerEntry entry) {
        if (key.shard() != entry.shard() || key.position() != entry.position()) {
            throw new UnstorableValueException("shard/position", "key does not match entry: keyShard=" + key.shard()
                    + ", keyPosition=" + key.position() + ", entryShard=" + entry.shard() + ", entryPosition=" + entry.position());
        }
        Event event = entry.event();
        if (event.eventId() == null || event.caseId() == null || event.type() == null || event.actor() == null
                || event.payload() == null) {
            throw new UnstorableValueException("event", "required field missing (eventId, caseId, type, actor, payload)");
        }
        checkHash("hash", entry.hash());
        checkHash("prev_hash", entry.prevHash());
        if (event.documentHash() != null) {
            checkHash("document_hash", event.documentHash());
        }
    }

    private static void checkHash(String column, byte[] hash) {
        if (hash.length != Hashes.HASH_BYTES) {
            throw new UnstorableValueException(column, "hash must be 32 bytes: length=" + hash.length);
        }
    }
}
