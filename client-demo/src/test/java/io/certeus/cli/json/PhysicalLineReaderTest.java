package io.certeus.cli.json;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PhysicalLineReaderTest {
    /** Lines as "number:text" (or "number:TOO_LONG(bytes)"), reading one byte per call to find chunking bugs. */
    private static List<String> lines(byte[] input, int maxLineBytes) throws IOException {
        InputStream oneByteAtATime = new ByteArrayInputStream(input) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        List<String> lines = new ArrayList<>();
        PhysicalLineReader reader = new PhysicalLineReader(oneByteAtATime, maxLineBytes);
        PhysicalLineReader.Line line;
        while ((line = reader.next()) != null) {
            lines.add(line.number() + ":" + (line.tooLong() ? "TOO_LONG(" + line.lengthBytes() + ")"
                    : new String(line.bytes(), StandardCharsets.ISO_8859_1)));
        }
        return lines;
    }

    private static List<String> lines(String input) throws IOException {
        return lines(input.getBytes(StandardCharsets.ISO_8859_1), 100);
    }

    @Test
    void onlyLfEndsALineAndCrlfLosesItsCr() throws IOException {
        assertThat(lines("a\nb\r\nc")).containsExactly("1:a", "2:b", "3:c");
    }

    @Test
    void aLoneCrStaysInItsLineAndDoesNotShiftLaterNumbers() throws IOException {
        assertThat(lines("a\rb\nc\r\r\nd\n")).containsExactly("1:a\rb", "2:c\r", "3:d");
    }

    @Test
    void emptyLinesCountAndNoFinalLfIsNoExtraLine() throws IOException {
        assertThat(lines("\n\nx\n")).containsExactly("1:", "2:", "3:x");
        assertThat(lines("")).isEmpty();
    }

    @Test
    void bytesAreHandedOverUndecoded() throws IOException {
        byte[] input = {'{', (byte) 0xFF, (byte) 0xC0, (byte) 0xAF, '}', '\n'};
        PhysicalLineReader.Line line = new PhysicalLineReader(new ByteArrayInputStream(input)).next();
        assertThat(line.bytes()).containsExactly('{', (byte) 0xFF, (byte) 0xC0, (byte) 0xAF, '}');
    }

    @Test
    void aLineOverTheLimitIsSkippedWithItsLengthAndTheNextLineKeepsItsNumber() throws IOException {
        String atLimit = "y".repeat(10);
        assertThat(lines(("x".repeat(25) + "\n" + atLimit + "\r\n" + "z".repeat(11) + "\nlast").getBytes(StandardCharsets.US_ASCII), 10))
                .containsExactly("1:TOO_LONG(25)", "2:" + atLimit, "3:TOO_LONG(11)", "4:last");
    }
}
