package io.certeus.core.hash;

import io.certeus.core.model.Event;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.UUID;

import static io.certeus.core.hash.CanonicalEncoding.BYTE_ORDER;

/**
 * Writes the encodings of {@link CanonicalEncoding} into a reused buffer without allocating.
 *
 * <p>Not thread-safe: one instance per thread (or per Jet processor).
 */
public final class CanonicalEncoder {
    /** The event fields of an entry encoding, in encoding order; {@link #entryFieldStart} indexes them. */
    public static final String[] ENTRY_EVENT_FIELDS = {
        "eventId", "caseId", "type", "actor", "sourceIp", "documentHash", "payload", "occurredAt", "ingestedAt"};

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    /** fieldBounds[i] is where event field i starts in the last entry encoding; fieldBounds[n] is the end. */
    private final int[] fieldBounds = new int[ENTRY_EVENT_FIELDS.length + 1];

    /** The buffer the last encode wrote into; valid until the next encode. */
    public MutableDirectBuffer buffer() {
        return buffer;
    }

    /** The backing array of {@link #buffer()}, for digest updates. */
    public byte[] array() {
        return buffer.byteArray();
    }

    /**
     * Encodes a ledger entry.
     *
     * @return number of bytes written from offset 0
     */
    public int encodeEntry(int shard, long position, byte[] prevHash, Event event) {
        MutableDirectBuffer b = buffer;
        b.putBytes(0, CanonicalEncoding.ENTRY_DOMAIN);
        b.putByte(CanonicalEncoding.ENTRY_VERSION_OFFSET, CanonicalEncoding.VERSION);
        b.putInt(CanonicalEncoding.ENTRY_SHARD_OFFSET, shard, BYTE_ORDER);
        b.putLong(CanonicalEncoding.ENTRY_POSITION_OFFSET, position, BYTE_ORDER);
        b.putBytes(CanonicalEncoding.ENTRY_PREV_HASH_OFFSET, prevHash, 0, Hashes.HASH_BYTES);
        UUID eventId = event.eventId();
        b.putLong(CanonicalEncoding.ENTRY_EVENT_ID_OFFSET, eventId.getMostSignificantBits(), BYTE_ORDER);
        b.putLong(CanonicalEncoding.ENTRY_EVENT_ID_OFFSET + 8, eventId.getLeastSignificantBits(), BYTE_ORDER);
        int[] bounds = fieldBounds;
        bounds[0] = CanonicalEncoding.ENTRY_EVENT_ID_OFFSET;
        int offset = CanonicalEncoding.ENTRY_CASE_ID_OFFSET;
        bounds[1] = offset;
        offset = putStr(offset, event.caseId());
        bounds[2] = offset;
        offset = putStr(offset, event.type());
        bounds[3] = offset;
        offset = putStr(offset, event.actor());
        bounds[4] = offset;
        offset = putOptStr(offset, event.sourceIp());
        bounds[5] = offset;
        offset = putOptHash(offset, event.documentHash());
        bounds[6] = offset;
        offset = putBytes(offset, event.payload());
        bounds[7] = offset;
        b.putLong(offset, event.occurredAtMicros(), BYTE_ORDER);
        offset += 8;
        bounds[8] = offset;
        b.putLong(offset, event.ingestedAtMicros(), BYTE_ORDER);
        offset += 8;
        bounds[9] = offset;
        return offset;
    }

    /** Where event field {@code index} ({@link #ENTRY_EVENT_FIELDS}) starts in the last entry encoding. */
    public int entryFieldStart(int index) {
        return fieldBounds[index];
    }

    /** Where event field {@code index} ends (exclusive) in the last entry encoding. */
    public int entryFieldEnd(int index) {
        return fieldBounds[index + 1];
    }

    /** Encodes a shard head (Merkle leaf input); always {@link CanonicalEncoding#HEAD_LENGTH} bytes. */
    public int encodeShardHead(int shard, long size, byte[] headHash) {
        MutableDirectBuffer b = buffer;
        b.putBytes(0, CanonicalEncoding.SHARD_HEAD_DOMAIN);
        b.putByte(CanonicalEncoding.HEAD_VERSION_OFFSET, CanonicalEncoding.VERSION);
        b.putInt(CanonicalEncoding.HEAD_SHARD_OFFSET, shard, BYTE_ORDER);
        b.putLong(CanonicalEncoding.HEAD_SIZE_OFFSET, size, BYTE_ORDER);
        b.putBytes(CanonicalEncoding.HEAD_HASH_OFFSET, headHash, 0, Hashes.HASH_BYTES);
        return CanonicalEncoding.HEAD_LENGTH;
    }

    /** Encodes an anchor; always {@link CanonicalEncoding#ANCHOR_LENGTH} bytes. */
    public int encodeAnchor(long sequence, long anchoredAtMicros, int shardCount, byte[] merkleRoot, byte[] prevAnchorHash) {
        MutableDirectBuffer b = buffer;
        b.putBytes(0, CanonicalEncoding.ANCHOR_DOMAIN);
        b.putByte(CanonicalEncoding.ANCHOR_VERSION_OFFSET, CanonicalEncoding.VERSION);
        b.putLong(CanonicalEncoding.ANCHOR_SEQUENCE_OFFSET, sequence, BYTE_ORDER);
        b.putLong(CanonicalEncoding.ANCHOR_TIME_OFFSET, anchoredAtMicros, BYTE_ORDER);
        b.putInt(CanonicalEncoding.ANCHOR_SHARD_COUNT_OFFSET, shardCount, BYTE_ORDER);
        b.putBytes(CanonicalEncoding.ANCHOR_ROOT_OFFSET, merkleRoot, 0, Hashes.HASH_BYTES);
        b.putBytes(CanonicalEncoding.ANCHOR_PREV_OFFSET, prevAnchorHash, 0, Hashes.HASH_BYTES);
        return CanonicalEncoding.ANCHOR_LENGTH;
    }

    private int putStr(int offset, String value) {
        int length = Utf8.encodedLength(value);
        buffer.putInt(offset, length, BYTE_ORDER);
        buffer.checkLimit(offset + 4 + length);
        Utf8.encode(value, buffer.byteArray(), offset + 4);
        return offset + 4 + length;
    }

    private int putOptStr(int offset, String value) {
        if (value == null) {
            buffer.putByte(offset, CanonicalEncoding.ABSENT);
            return offset + 1;
        }
        buffer.putByte(offset, CanonicalEncoding.PRESENT);
        return putStr(offset + 1, value);
    }

    private int putOptHash(int offset, byte[] hash) {
        if (hash == null) {
            buffer.putByte(offset, CanonicalEncoding.ABSENT);
            return offset + 1;
        }
        if (hash.length != Hashes.HASH_BYTES) {
            throw new IllegalArgumentException("documentHash must be 32 bytes: length=" + hash.length);
        }
        buffer.putByte(offset, CanonicalEncoding.PRESENT);
        buffer.putBytes(offset + 1, hash);
        return offset + 1 + Hashes.HASH_BYTES;
    }

    private int putBytes(int offset, byte[] value) {
        buffer.putInt(offset, value.length, BYTE_ORDER);
        buffer.putBytes(offset + 4, value);
        return offset + 4 + value.length;
    }
}
