package io.certeus.postgres.copy;

import io.certeus.core.hash.CanonicalEncoding;
import io.certeus.core.hash.FieldDigests;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;

import java.sql.SQLException;
import java.util.Comparator;

/**
 * One {@code ledger_entry} row per ledger entry, in the column order of {@link #COLUMNS}. Refuses,
 * before writing, anything the row could not hold exactly.
 *
 * <p>Thread-safe: no shared mutable state (digest scratch is per thread); the writer it is given is not.
 */
public final class LedgerRowEncoder implements RowEncoder<LedgerKey, LedgerEntry> {
    public static final String COLUMNS = "shard, position, hash_version, event_id, case_id, event_type, actor, "
            + "source_ip, document_hash, payload, occurred_at, ingested_at, prev_hash, hash, field_digests";
    public static final int FIELD_COUNT = 15;
    /** 1-based column of {@code field_digests} in {@link #COLUMNS}. */
    public static final int FIELD_DIGESTS_COLUMN = 15;

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
