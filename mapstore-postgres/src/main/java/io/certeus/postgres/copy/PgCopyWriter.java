package io.certeus.postgres.copy;

import io.certeus.core.hash.Utf8;
import org.agrona.ExpandableArrayBuffer;

import java.sql.SQLException;
import java.util.UUID;

import static io.certeus.postgres.copy.PgCopyLayout.BYTE_ORDER;

/**
 * Writes a binary COPY stream ({@link PgCopyLayout}) into one reused Agrona buffer and hands it to a
 * {@link CopySink} in chunks, always at a row boundary. Encoding a row allocates nothing.
 *
 * <p>Usage per stream: {@link #begin(CopySink)}, then per row {@link #beginRow(int)}, the field
 * puts, {@link #endRow()}; finally {@link #finish()}. {@link #abortRow()} drops a half-written row.
 *
 * <p>Not thread-safe: one instance per writing thread (one per MapStore, used by its store worker).
 */
public final class PgCopyWriter {
    private final ExpandableArrayBuffer buffer;
    private final int chunkBytes;
    private CopySink sink;
    private int position;
    private int rowStart;
    private int rowFieldsExpected;
    private int rowFieldsWritten;
    private long bytesSent;

    /** @param chunkBytes hand bytes to the sink once this many are buffered (at a row boundary) */
    public PgCopyWriter(int chunkBytes) {
        if (chunkBytes < 1024) {
            throw new IllegalArgumentException("copy chunk too small: chunkBytes=" + chunkBytes + ", min=1024");
        }
        this.chunkBytes = chunkBytes;
        this.buffer = new ExpandableArrayBuffer(chunkBytes + 64 * 1024);
    }

    /** Starts a stream: writes the header. */
    public void begin(CopySink target) {
        this.sink = target;
        this.bytesSent = 0;
        buffer.putBytes(PgCopyLayout.SIGNATURE_OFFSET, PgCopyLayout.SIGNATURE);
        buffer.putInt(PgCopyLayout.FLAGS_OFFSET, 0, BYTE_ORDER);
        buffer.putInt(PgCopyLayout.HEADER_EXTENSION_LENGTH_OFFSET, 0, BYTE_ORDER);
        position = PgCopyLayout.HEADER_LENGTH;
        rowStart = position;
    }

    public void beginRow(int fieldCount) {
        rowStart = position;
        rowFieldsExpected = fieldCount;
        rowFieldsWritten = 0;
        buffer.putShort(position, (short) fieldCount, BYTE_ORDER);
        position += PgCopyLayout.FIELD_COUNT_BYTES;
    }

    /** Forgets the row begun last (after an {@link UnstorableValueException}). */
    public void abortRow() {
        position = rowStart;
    }

    /** Ends a row; sends the buffered rows when a chunk is full. */
    public void endRow() throws SQLException {
        if (rowFieldsWritten != rowFieldsExpected) {
            throw new IllegalStateException("copy row has wrong field count: expected=" + rowFieldsExpected
                    + ", written=" + rowFieldsWritten);
        }
        rowStart = position;
        if (position >= chunkBytes) {
            send();
        }
    }

    /** Writes the trailer and sends what is buffered; returns the stream's total byte count. */
    public long finish() throws SQLException {
        buffer.putShort(position, PgCopyLayout.TRAILER, BYTE_ORDER);
        position += PgCopyLayout.TRAILER_LENGTH;
        send();
        sink = null;
        return bytesSent;
    }

    public void putNull() {
        buffer.putInt(position, PgCopyLayout.NULL_FIELD_LENGTH, BYTE_ORDER);
        position += PgCopyLayout.FIELD_LENGTH_BYTES;
        rowFieldsWritten++;
    }

    public void putInt2(short value) {
        field(PgCopyLayout.INT2_BYTES);
        buffer.putShort(position, value, BYTE_ORDER);
        position += PgCopyLayout.INT2_BYTES;
    }

    public void putInt4(int value) {
        field(PgCopyLayout.INT4_BYTES);
        buffer.putInt(position, value, BYTE_ORDER);
        position += PgCopyLayout.INT4_BYTES;
    }

    public void putInt8(long value) {
        field(PgCopyLayout.INT8_BYTES);
        buffer.putLong(position, value, BYTE_ORDER);
        position += PgCopyLayout.INT8_BYTES;
    }

    public void putBool(boolean value) {
        field(PgCopyLayout.BOOL_BYTES);
        buffer.putByte(position, value ? (byte) 1 : (byte) 0);
        position += PgCopyLayout.BOOL_BYTES;
    }

    /** A uuid, or NULL for {@code null}. */
    public void putUuid(UUID value) {
        if (value == null) {
            putNull();
            return;
        }
        field(PgCopyLayout.UUID_BYTES);
        buffer.putLong(position, value.getMostSignificantBits(), BYTE_ORDER);
        buffer.putLong(position + 8, value.getLeastSignificantBits(), BYTE_ORDER);
        position += PgCopyLayout.UUID_BYTES;
    }

    /**
     * A timestamptz from microseconds since 1970-01-01T00:00Z.
     *
     * @throws UnstorableValueException when outside PostgreSQL's finite timestamptz range
     */
    public void putTimestampMicros(String column, long epochMicros) {
        if (epochMicros < PgCopyLayout.MIN_TIMESTAMP_EPOCH_MICROS || epochMicros >= PgCopyLayout.END_TIMESTAMP_EPOCH_MICROS) {
            throw new UnstorableValueException(column, "timestamp outside PostgreSQL range: epochMicros=" + epochMicros);
        }
        field(PgCopyLayout.TIMESTAMPTZ_BYTES);
        buffer.putLong(position, epochMicros - PgCopyLayout.POSTGRES_EPOCH_MICROS, BYTE_ORDER);
        position += PgCopyLayout.TIMESTAMPTZ_BYTES;
    }

    /** Raw bytes (bytea), or NULL for {@code null}. */
    public void putBytes(byte[] value) {
        if (value == null) {
            putNull();
            return;
        }
        field(value.length);
        buffer.putBytes(position, value);
        position += value.length;
    }

    /** A bytea of 8 bytes per element, big-endian, or NULL for {@code null}. */
    public void putInt8Array(long[] values) {
        if (values == null) {
            putNull();
            return;
        }
        int length = values.length * PgCopyLayout.INT8_BYTES;
        field(length);
        buffer.checkLimit(position + length);
        for (long value : values) {
            buffer.putLong(position, value, BYTE_ORDER);
            position += PgCopyLayout.INT8_BYTES;
        }
    }

    /**
     * Text as UTF-8, or NULL for {@code null}.
     *
     * @throws UnstorableValueException for a NUL character or an unpaired surrogate, which a text
     *                                  column cannot hold exactly
     */
    public void putText(String column, String value) {
        if (value == null) {
            putNull();
            return;
        }
        String problem = TextChecks.problem(value);
        if (problem != null) {
            throw new UnstorableValueException(column, problem);
        }
        int length = Utf8.encodedLength(value);
        field(length);
        buffer.checkLimit(position + length);
        Utf8.encode(value, buffer.byteArray(), position);
        position += length;
    }

    /** Bytes buffered and not yet sent (for tests and the benchmark's pre-encoding). */
    public int bufferedBytes() {
        return position;
    }

    private void field(int length) {
        buffer.putInt(position, length, BYTE_ORDER);
        position += PgCopyLayout.FIELD_LENGTH_BYTES;
        rowFieldsWritten++;
    }

    /** Called only at a row boundary (after {@link #endRow()} or the trailer): sends everything buffered. */
    private void send() throws SQLException {
        sink.write(buffer.byteArray(), 0, position);
        bytesSent += position;
        position = 0;
        rowStart = 0;
    }
}
