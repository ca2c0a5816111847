package io.certeus.postgres.copy;

import java.nio.ByteOrder;

/**
 * The byte layout of PostgreSQL's binary COPY stream ({@code COPY ... FROM STDIN (FORMAT binary)}),
 * described once; {@link PgCopyWriter} writes it. Every integer is big-endian (network order).
 *
 * <pre>
 * Stream = header | tuple* | trailer
 *
 * Header (19 bytes)
 *   0                   1                   2
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8
 *  +---------------------+-------+-------+
 *  | signature (11)      | flags | ext   |   signature = "PGCOPY\n\377\r\n\0"
 *  +---------------------+-------+-------+   flags     = i32 0 (bit 16 = OIDs: never set)
 *                                            ext       = i32 0 (header extension length)
 * Tuple
 *  +-------------+----------------+-------------------+----------------+-----
 *  | fields i16  | length#1 i32   | value#1 (length)  | length#2 i32   | ...
 *  +-------------+----------------+-------------------+----------------+-----
 *  length = -1 means SQL NULL and is followed by no bytes.
 *
 * Trailer
 *  +-----------+
 *  | i16 = -1  |
 *  +-----------+
 *
 * Binary value forms used here (each type's send/recv form)
 *   int2        2 bytes            int4   4 bytes          int8   8 bytes
 *   bool        1 byte (0 or 1)    uuid   16 bytes: most significant 64 bits, then least
 *   text        UTF-8 bytes, no terminator (the server refuses NUL and invalid UTF-8)
 *   bytea       the raw bytes
 *   timestamptz i64 microseconds since 2000-01-01T00:00:00Z (integer datetimes)
 * </pre>
 *
 * <p>Thread-safe: constants only.
 */
public final class PgCopyLayout {
    public static final ByteOrder BYTE_ORDER = ByteOrder.BIG_ENDIAN;

    /** "PGCOPY\n\377\r\n\0". */
    public static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    public static final int SIGNATURE_OFFSET = 0;
    public static final int FLAGS_OFFSET = SIGNATURE_OFFSET + SIGNATURE.length;
    public static final int HEADER_EXTENSION_LENGTH_OFFSET = FLAGS_OFFSET + 4;
    public static final int HEADER_LENGTH = HEADER_EXTENSION_LENGTH_OFFSET + 4;

    public static final int FIELD_COUNT_BYTES = 2;
    public static final int FIELD_LENGTH_BYTES = 4;
    public static final int NULL_FIELD_LENGTH = -1;
    public static final short TRAILER = -1;
    public static final int TRAILER_LENGTH = 2;

    public static final int INT2_BYTES = 2;
    public static final int INT4_BYTES = 4;
    public static final int INT8_BYTES = 8;
    public static final int BOOL_BYTES = 1;
    public static final int UUID_BYTES = 16;
    public static final int TIMESTAMPTZ_BYTES = 8;

    /** 2000-01-01T00:00:00Z in microseconds since 1970-01-01T00:00:00Z: PostgreSQL's epoch. */
    public static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    /**
     * Smallest finite timestamptz, 4714-11-24T00:00Z BC (PostgreSQL's MIN_TIMESTAMP), in microseconds
     * since 1970; smaller values are refused by the server.
     */
    public static final long MIN_TIMESTAMP_EPOCH_MICROS = -211_813_488_000_000_000L + POSTGRES_EPOCH_MICROS;
    /** First timestamptz past the finite range, 294277-01-01T00:00Z (END_TIMESTAMP), in microseconds since 1970. */
    public static final long END_TIMESTAMP_EPOCH_MICROS = 9_223_371_331_200_000_000L - POSTGRES_EPOCH_MICROS;

    private PgCopyLayout() {
    }
}
