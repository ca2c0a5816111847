package io.certeus.postgres.copy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class PgCopyWriterTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Integer> chunks = new ArrayList<>();
    private final CopySink sink = (buffer, offset, length) -> {
        out.write(buffer, offset, length);
        chunks.add(length);
    };

    @Test
    void writesHeaderRowAndTrailerInPostgresBinaryLayout() throws Exception {
        PgCopyWriter writer = new PgCopyWriter(4096);
        writer.begin(sink);
        writer.beginRow(6);
        writer.putInt4(7);
        writer.putInt8(-2);
        writer.putNull();
        writer.putText("t", "é");
        writer.putUuid(new UUID(1, 2));
        writer.putTimestampMicros("ts", PgCopyLayout.POSTGRES_EPOCH_MICROS + 5);
        writer.endRow();
        long total = writer.finish();

        ByteBuffer bytes = ByteBuffer.wrap(out.toByteArray());
        assertThat(total).isEqualTo(bytes.remaining());
        byte[] signature = new byte[11];
        bytes.get(signature);
        assertThat(signature).isEqualTo("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(bytes.getInt()).as("flags").isZero();
        assertThat(bytes.getInt()).as("header extension").isZero();
        assertThat(bytes.getShort()).as("field count").isEqualTo((short) 6);
        assertThat(bytes.getInt()).isEqualTo(4);
        assertThat(bytes.getInt()).isEqualTo(7);
        assertThat(bytes.getInt()).isEqualTo(8);
        assertThat(bytes.getLong()).isEqualTo(-2);
        assertThat(bytes.getInt()).as("NULL").isEqualTo(-1);
        assertThat(bytes.getInt()).isEqualTo(2);
        assertThat(new byte[] {bytes.get(), bytes.get()}).isEqualTo("é".getBytes(StandardCharsets.UTF_8));
        assertThat(bytes.getInt()).isEqualTo(16);
        assertThat(bytes.getLong()).isEqualTo(1);
        assertThat(bytes.getLong()).isEqualTo(2);
        assertThat(bytes.getInt()).isEqualTo(8);
        assertThat(bytes.getLong()).as("micros since 2000").isEqualTo(5);
        assertThat(bytes.getShort()).as("trailer").isEqualTo((short) -1);
        assertThat(bytes.hasRemaining()).isFalse();
    }

    @Test
    void sendsChunksOnlyAtRowBoundaries() throws Exception {
        PgCopyWriter writer = new PgCopyWriter(1024);
        writer.begin(sink);
        byte[] value = new byte[300];
        for (int i = 0; i < 20; i++) {
            writer.beginRow(1);
            writer.putBytes(value);
            writer.endRow();
        }
        writer.finish();
        int rowBytes = 2 + 4 + 300;
        assertThat(chunks).hasSizeGreaterThan(2);
        int sent = 0;
        for (int i = 0; i < chunks.size() - 1; i++) {
            sent += chunks.get(i);
            assertThat((sent - PgCopyLayout.HEADER_LENGTH) % rowBytes).as("chunk %s ends at a row boundary", i).isZero();
        }
        assertThat(out.size()).isEqualTo(PgCopyLayout.HEADER_LENGTH + 20 * rowBytes + PgCopyLayout.TRAILER_LENGTH);
    }

    @Test
    void abortedRowLeavesNoBytes() throws Exception {
        PgCopyWriter writer = new PgCopyWriter(4096);
        writer.begin(sink);
        writer.beginRow(2);
        writer.putInt4(1);
        assertThatThrownBy(() -> writer.putText("actor", "a\u0000b"))
                .isInstanceOf(UnstorableValueException.class)
                .hasMessageContaining("column=actor")
                .hasMessageContaining("NUL character in text: index=1");
        writer.abortRow();
        writer.finish();
        assertThat(out.size()).isEqualTo(PgCopyLayout.HEADER_LENGTH + PgCopyLayout.TRAILER_LENGTH);
    }

    @Test
    void refusesUnpairedSurrogatesAndTimesOutsidePostgresRange() {
        PgCopyWriter writer = new PgCopyWriter(4096);
        writer.begin(sink);
        writer.beginRow(1);
        assertThatThrownBy(() -> writer.putText("actor", "x\uDC00")).hasMessageContaining("unpaired");
        assertThatThrownBy(() -> writer.putTimestampMicros("occurred_at", Long.MIN_VALUE))
                .hasMessageContaining("column=occurred_at").hasMessageContaining("epochMicros=" + Long.MIN_VALUE);
        assertThatThrownBy(() -> writer.putTimestampMicros("occurred_at", PgCopyLayout.END_TIMESTAMP_EPOCH_MICROS))
                .isInstanceOf(UnstorableValueException.class);
    }

    @Test
    void refusesARowWithTheWrongFieldCount() {
        PgCopyWriter writer = new PgCopyWriter(4096);
        writer.begin(sink);
        writer.beginRow(2);
        writer.putInt4(1);
        assertThatThrownBy(writer::endRow).hasMessageContaining("expected=2, written=1");
    }

    @Test
    void encodesSupplementaryCharactersAsFourUtf8Bytes() throws Exception {
        PgCopyWriter writer = new PgCopyWriter(4096);
        writer.begin(sink);
        writer.beginRow(1);
        writer.putText("t", "🧾");
        writer.endRow();
        writer.finish();
        byte[] all = out.toByteArray();
        byte[] text = Arrays.copyOfRange(all, PgCopyLayout.HEADER_LENGTH + 6, PgCopyLayout.HEADER_LENGTH + 10);
        assertThat(text).isEqualTo("🧾".getBytes(StandardCharsets.UTF_8));
    }
}
