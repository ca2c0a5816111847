package io.certeus.cli.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into physical lines without decoding it, so that bytes which are not UTF-8
 * reach the caller as they are (to be refused with their line number) instead of being replaced or
 * aborting the read.
 * <ul>
 *   <li>Only LF (0x0A) ends a line; line numbers count LFs, starting at 1.</li>
 *   <li>One CR (0x0D) directly before the LF is dropped (CRLF files). A CR anywhere else is not a
 *       line break: it stays in the line's bytes and does not shift later line numbers.</li>
 *   <li>A last line without a final LF is still a line.</li>
 *   <li>A line longer than {@code maxLineBytes} is not kept: its bytes are skipped up to its LF and
 *       only its length is reported, so memory stays bounded whatever the input.</li>
 * </ul>
 *
 * <p>Not thread-safe: one reader per stream, used from one thread.
 */
public final class PhysicalLineReader {
    /** Longest line kept, in bytes: well above the largest valid event (1 MiB payload ceiling plus fields). */
    public static final int DEFAULT_MAX_LINE_BYTES = 2 * 1024 * 1024;

    private static final int READ_CHUNK_BYTES = 64 * 1024;
    private static final byte LF = '\n';
    private static final byte CR = '\r';

    /** One physical line: its number and bytes, or only its length when it was too long to keep. */
    public static final class Line {
        private final long number;
        private final byte[] bytes;
        private final long lengthBytes;

        Line(long number, byte[] bytes, long lengthBytes) {
            this.number = number;
            this.bytes = bytes;
            this.lengthBytes = lengthBytes;
        }

        /** 1-based physical line number. */
        public long number() {
            return number;
        }

        /** The line's bytes without its LF (and without a CR right before it); {@code null} when too long. */
        public byte[] bytes() {
            return bytes;
        }

        public boolean tooLong() {
            return bytes == null;
        }

        /** Length of the line in bytes without its line ending, whether kept or not (a too-long line's counts its CR). */
        public long lengthBytes() {
            return lengthBytes;
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[READ_CHUNK_BYTES];
    private int chunkPos;
    private int chunkEnd;
    private boolean endOfInput;
    private byte[] line = new byte[256];
    private long lineNumber;

    public PhysicalLineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: maxLineBytes=" + maxLineBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    public PhysicalLineReader(InputStream in) {
        this(in, DEFAULT_MAX_LINE_BYTES);
    }

    /** The next line, or {@code null} at the end of the input. */
    public Line next() throws IOException {
        long length = 0;
        boolean sawAnyByte = false;
        while (true) {
            if (chunkPos == chunkEnd && !fill()) {
                if (!sawAnyByte) {
                    return null;
                }
                return finish(length);
            }
            sawAnyByte = true;
            int lf = indexOfLf();
            int end = lf < 0 ? chunkEnd : lf;
            length = keep(length, end - chunkPos);
            chunkPos = lf < 0 ? chunkEnd : lf + 1;
            if (lf >= 0) {
                return finish(length);
            }
        }
    }

    private Line finish(long length) {
        lineNumber++;
        boolean crBeforeLf = length > 0 && length <= maxLineBytes + 1L && line[(int) length - 1] == CR;
        long content = crBeforeLf ? length - 1 : length;
        if (content > maxLineBytes) {
            return new Line(lineNumber, null, content);
        }
        return new Line(lineNumber, Arrays.copyOf(line, (int) content), content);
    }

    /** Appends {@code count} bytes at {@code chunkPos} to the line while it fits; returns the new length. */
    private long keep(long length, int count) {
        long newLength = length + count;
        // One byte over the limit is kept so that a CR before the LF can still be dropped at the limit.
        if (newLength <= maxLineBytes + 1L) {
            if (newLength > line.length) {
                line = Arrays.copyOf(line, (int) Math.min(Math.max(newLength, 2L * line.length), maxLineBytes + 1L));
            }
            System.arraycopy(chunk, chunkPos, line, (int) length, count);
        }
        return newLength;
    }

    private int indexOfLf() {
        for (int i = chunkPos; i < chunkEnd; i++) {
            if (chunk[i] == LF) {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        int read;
        do {
            read = in.read(chunk, 0, chunk.length);
        } while (read == 0);
        if (read < 0) {
            endOfInput = true;
            return false;
        }
        chunkPos = 0;
        chunkEnd = read;
        return true;
    }
}
