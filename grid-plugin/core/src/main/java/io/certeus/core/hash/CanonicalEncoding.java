package io.certeus.core.hash;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The canonical binary encodings that CERTEUS hashes, version 1. This class and
 * {@code docs/HASHING.md} are the single description; {@link CanonicalEncoder} writes them.
 *
 * <p>All integers are big-endian, fixed width, two's complement. Each encoding starts with an ASCII
 * domain tag ending in a NUL byte so no encoding can be mistaken for another.
 *
 * <pre>
 * Primitive field forms
 *   str       u32 byteLength | UTF-8 bytes (no BOM, no terminator)
 *   opt-str   u8 0                          (absent)
 *           | u8 1 | str                    (present)
 *   opt-h32   u8 0 | u8 1 | 32 bytes
 *   bytes     u32 byteLength | raw bytes
 *
 * Ledger entry (hash = SHA-256 of these bytes)
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  domain tag "CERTEUS/ledger-entry/v1" + 0x00 (24 bytes)       |
 *  +---------------+-----------------------------------------------+
 *  | version = 1   |  shard (u32)                                  |
 *  +---------------+-----------------------------------------------+
 *  |  position (u64)                                               |
 *  +---------------------------------------------------------------+
 *  |  prevHash (32 bytes; 32 zero bytes at position 0)             |
 *  +---------------------------------------------------------------+
 *  |  eventId (16 bytes: most significant 64 bits, then least)     |
 *  +---------------------------------------------------------------+
 *  |  caseId (str) | type (str) | actor (str) | sourceIp (opt-str) |
 *  |  documentHash (opt-h32) | payload (bytes)                     |
 *  +---------------------------------------------------------------+
 *  |  occurredAtMicros (i64, microseconds since 1970-01-01T00:00Z) |
 *  |  ingestedAtMicros (i64)                                       |
 *  +---------------------------------------------------------------+
 *
 * Shard head (RFC 6962 leaf input; leaf hash = SHA-256(0x00 | these bytes))
 *  | domain tag "CERTEUS/shard-head/v1" + 0x00 (22 bytes) | version u8 = 1 |
 *  | shard u32 | size u64 (entries in the shard) | headHash 32 (zero when size = 0) |
 *
 * Anchor (anchorHash = SHA-256 of these bytes)
 *  | domain tag "CERTEUS/anchor/v1" + 0x00 (18 bytes) | version u8 = 1 |
 *  | sequence u64 | anchoredAtMicros i64 | shardCount u32 |
 *  | merkleRoot 32 | prevAnchorHash 32 (zero for sequence 0) |
 * </pre>
 */
public final class CanonicalEncoding {
    public static final ByteOrder BYTE_ORDER = ByteOrder.BIG_ENDIAN;
    public static final byte VERSION = 1;

    public static final byte[] ENTRY_DOMAIN = tag("CERTEUS/ledger-entry/v1");
    public static final byte[] SHARD_HEAD_DOMAIN = tag("CERTEUS/shard-head/v1");
    public static final byte[] ANCHOR_DOMAIN = tag("CERTEUS/anchor/v1");

    public static final byte ABSENT = 0;
    public static final byte PRESENT = 1;

    // Ledger entry: fixed-offset prefix; the variable part starts at ENTRY_CASE_ID_OFFSET.
    public static final int ENTRY_VERSION_OFFSET = 24;
    public static final int ENTRY_SHARD_OFFSET = ENTRY_VERSION_OFFSET + 1;
    public static final int ENTRY_POSITION_OFFSET = ENTRY_SHARD_OFFSET + 4;
    public static final int ENTRY_PREV_HASH_OFFSET = ENTRY_POSITION_OFFSET + 8;
    public static final int ENTRY_EVENT_ID_OFFSET = ENTRY_PREV_HASH_OFFSET + Hashes.HASH_BYTES;
    public static final int ENTRY_CASE_ID_OFFSET = ENTRY_EVENT_ID_OFFSET + 16;

    // Shard head: fixed length.
    public static final int HEAD_VERSION_OFFSET = 22;
    public static final int HEAD_SHARD_OFFSET = HEAD_VERSION_OFFSET + 1;
    public static final int HEAD_SIZE_OFFSET = HEAD_SHARD_OFFSET + 4;
    public static final int HEAD_HASH_OFFSET = HEAD_SIZE_OFFSET + 8;
    public static final int HEAD_LENGTH = HEAD_HASH_OFFSET + Hashes.HASH_BYTES;

    // Anchor: fixed length.
    public static final int ANCHOR_VERSION_OFFSET = 18;
    public static final int ANCHOR_SEQUENCE_OFFSET = ANCHOR_VERSION_OFFSET + 1;
    public static final int ANCHOR_TIME_OFFSET = ANCHOR_SEQUENCE_OFFSET + 8;
    public static final int ANCHOR_SHARD_COUNT_OFFSET = ANCHOR_TIME_OFFSET + 8;
    public static final int ANCHOR_ROOT_OFFSET = ANCHOR_SHARD_COUNT_OFFSET + 4;
    public static final int ANCHOR_PREV_OFFSET = ANCHOR_ROOT_OFFSET + Hashes.HASH_BYTES;
    public static final int ANCHOR_LENGTH = ANCHOR_PREV_OFFSET + Hashes.HASH_BYTES;

    /** RFC 6962 prefixes. */
    public static final byte MERKLE_LEAF_PREFIX = 0x00;
    public static final byte MERKLE_NODE_PREFIX = 0x01;

    private CanonicalEncoding() {
    }

    private static byte[] tag(String name) {
        byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
        byte[] tag = new byte[ascii.length + 1];
        System.arraycopy(ascii, 0, tag, 0, ascii.length);
        return tag;
    }
}
