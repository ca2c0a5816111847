package io.certeus.member.internal.counters;

import org.agrona.BitUtil;
import org.agrona.concurrent.status.CountersReader;

import java.util.regex.Pattern;

/**
 * The layout of a member's counters file, described once (like Aeron's {@code CncFileDescriptor}):
 * a header, then an Agrona counters metadata buffer, then its values buffer.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                    Magic "CERTEUSC" (long)                    |  0
 *  +-------------------------------+-------------------------------+
 *  | Layout version (int, last)    | Header length (int)           |  8
 *  +-------------------------------+-------------------------------+
 *  | Metadata length (int)         | Values length (int)           | 16
 *  +-------------------------------+-------------------------------+
 *  |                    PID (long)                                 | 24
 *  |                    Start time, epoch ms (long)                | 32
 *  |                    Heartbeat, epoch ms (long, release/acquire)| 40
 *  |                    ... reserved to byte 64 ...                | 48
 *  +-------------------------------+-------------------------------+
 *  | Member name length (int)      | Member name, UTF-8 (124 bytes)| 64
 *  +-------------------------------+-------------------------------+
 *  | Member UUID length (int)      | Member UUID, ASCII (60 bytes) |192
 *  +-------------------------------+-------------------------------+
 *  | Counters metadata buffer (Agrona CountersManager, 512 B each) |256
 *  +---------------------------------------------------------------+
 *  | Counters values buffer (128 B each: a value per 2 cache lines)|
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Numbers are in the platform's native byte order, as Agrona writes its counters (little-endian on
 * x86-64 and AArch64), so a reader runs on the member's host, as AeronStat does.
 * The writer fills everything else, then writes the layout version with release semantics: a reader
 * that sees a version of 0 is looking at a file still being created and skips it. Both buffers start
 * on cache-line boundaries of the page-aligned mapping, as Agrona's atomic buffers require.
 *
 * <p>Thread-safe: constants and pure functions only.
 */
public final class CountersLayout {
    /** "CERTEUSC" in ASCII, read as a little-endian long. */
    public static final long MAGIC = 0x4353554554524543L;
    /** Raise when the header or the meaning of a counter changes; readers refuse other versions. */
    public static final int LAYOUT_VERSION = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int LAYOUT_VERSION_OFFSET = 8;
    public static final int HEADER_LENGTH_OFFSET = 12;
    public static final int METADATA_LENGTH_OFFSET = 16;
    public static final int VALUES_LENGTH_OFFSET = 20;
    public static final int PID_OFFSET = 24;
    public static final int START_TIME_MS_OFFSET = 32;
    public static final int HEARTBEAT_MS_OFFSET = 40;
    public static final int MEMBER_NAME_LENGTH_OFFSET = 64;
    public static final int MEMBER_NAME_OFFSET = 68;
    public static final int MAX_MEMBER_NAME_BYTES = 124;
    public static final int MEMBER_UUID_LENGTH_OFFSET = 192;
    public static final int MEMBER_UUID_OFFSET = 196;
    public static final int MAX_MEMBER_UUID_BYTES = 60;
    /** Four cache lines; the metadata buffer starts here. */
    public static final int HEADER_LENGTH = 4 * BitUtil.CACHE_LINE_LENGTH;

    /** Every counters file ends with this; the directory may hold other files. */
    public static final String FILE_SUFFIX = ".counters";
    private static final Pattern UNSAFE_FILE_CHARACTERS = Pattern.compile("[^A-Za-z0-9._-]");
    private static final int MAX_NAME_IN_FILE_NAME = 80;

    private CountersLayout() {
    }

    /** Bytes of values for {@code counters} counters (Agrona: {@link CountersReader#COUNTER_LENGTH} each). */
    public static int valuesLength(int counters) {
        return counters * CountersReader.COUNTER_LENGTH;
    }

    /** Bytes of metadata for {@code counters} counters (Agrona: {@link CountersReader#METADATA_LENGTH} each). */
    public static int metadataLength(int counters) {
        return counters * CountersReader.METADATA_LENGTH;
    }

    public static int metadataOffset() {
        return HEADER_LENGTH;
    }

    public static int valuesOffset(int metadataLength) {
        return HEADER_LENGTH + metadataLength;
    }

    public static int fileLength(int counters) {
        return HEADER_LENGTH + metadataLength(counters) + valuesLength(counters);
    }

    /**
     * The file name of a member's counters: its name (characters a file name cannot safely hold
     * replaced by {@code _}) and the JVM's pid, so members of one JVM and one member name in two
     * JVMs never share a file.
     */
    public static String fileName(String memberName, long pid) {
        String safe = UNSAFE_FILE_CHARACTERS.matcher(memberName).replaceAll("_");
        if (safe.length() > MAX_NAME_IN_FILE_NAME) {
            safe = safe.substring(0, MAX_NAME_IN_FILE_NAME);
        }
        return safe + "-" + pid + FILE_SUFFIX;
    }
}
