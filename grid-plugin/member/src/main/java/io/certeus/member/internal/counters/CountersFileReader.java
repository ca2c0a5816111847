package io.certeus.member.internal.counters;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The reading side of counters files ({@link CountersLayout}), for tools outside the member's JVM
 * ({@code certeus top}), like AeronStat: maps a file read-only, copies header and values into a
 * {@link CountersSnapshot}, unmaps it. Needs no connection to the grid and never writes.
 *
 * <p>Thread-safe: stateless.
 */
public final class CountersFileReader {
    /** A member writes its heartbeat every second; one this much older means the member is gone or hung. */
    public static final long DEFAULT_STALE_AFTER_MS = 5_000;
    /** Far above any layout's size (a few KB); a larger file is something else. */
    private static final long MAX_FILE_BYTES = 1 << 24;

    /** What a directory held: the files read and why others were not. */
    public static final class DirectoryContents {
        private final List<CountersSnapshot> snapshots;
        private final List<String> unreadable;

        DirectoryContents(List<CountersSnapshot> snapshots, List<String> unreadable) {
            this.snapshots = List.copyOf(snapshots);
            this.unreadable = List.copyOf(unreadable);
        }

        /** Readable files, ordered by member name then pid. */
        public List<CountersSnapshot> snapshots() {
            return snapshots;
        }

        /** One line per counters file that could not be read, with its reason. */
        public List<String> unreadable() {
            return unreadable;
        }
    }

    private CountersFileReader() {
    }

    /** Every {@code *.counters} file in {@code directory}; an absent directory holds none. */
    public static DirectoryContents readDirectory(Path directory) {
        List<CountersSnapshot> snapshots = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return new DirectoryContents(snapshots, unreadable);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + CountersLayout.FILE_SUFFIX)) {
            for (Path file : files) {
                try {
                    CountersSnapshot snapshot = read(file);
                    if (snapshot != null) {
                        snapshots.add(snapshot);
                    }
                } catch (IllegalArgumentException | UncheckedIOException e) {
                    unreadable.add(file.getFileName() + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("counters directory not readable: dir=" + directory, e);
        }
        snapshots.sort(Comparator.comparing(CountersSnapshot::memberName).thenComparingLong(CountersSnapshot::pid));
        return new DirectoryContents(snapshots, unreadable);
    }

    /**
     * The file's contents, or {@code null} when it is still being created or was deleted meanwhile
     * (a member starting or stopping). Refuses a file that is not a counters file of this layout.
     */
    public static CountersSnapshot read(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("counters file not readable: file=" + file, e);
        }
        if (size < CountersLayout.HEADER_LENGTH) {
            return null; // being created: the writer sets the length before anything else
        }
        if (size > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("not a CERTEUS counters file: size=" + size + ", max=" + MAX_FILE_BYTES);
        }
        MappedByteBuffer mapped;
        try {
            mapped = IoUtil.mapExistingFile(file.toFile(), FileChannel.MapMode.READ_ONLY, "counters", 0, size);
        } catch (RuntimeException e) {
            if (!Files.exists(file)) {
                return null;
            }
            throw new UncheckedIOException("counters file not mapped: file=" + file, new IOException(e));
        }
        try {
            return read(file, new UnsafeBuffer(mapped), size);
        } finally {
            IoUtil.unmap(mapped);
        }
    }

    private static CountersSnapshot read(Path file, UnsafeBuffer buffer, long size) {
        long magic = buffer.getLong(CountersLayout.MAGIC_OFFSET);
        if (magic != CountersLayout.MAGIC) {
            throw new IllegalArgumentException("not a CERTEUS counters file: magic=0x" + Long.toHexString(magic));
        }
        int version = buffer.getIntAcquire(CountersLayout.LAYOUT_VERSION_OFFSET);
        if (version == 0) {
            return null; // the writer publishes the version last
        }
        if (version != CountersLayout.LAYOUT_VERSION) {
            throw new IllegalArgumentException("counters layout not supported: version=" + version + ", supported="
                    + CountersLayout.LAYOUT_VERSION);
        }
        int headerLength = buffer.getInt(CountersLayout.HEADER_LENGTH_OFFSET);
        int metadataLength = buffer.getInt(CountersLayout.METADATA_LENGTH_OFFSET);
        int valuesLength = buffer.getInt(CountersLayout.VALUES_LENGTH_OFFSET);
        if (headerLength != CountersLayout.HEADER_LENGTH || metadataLength < 0 || valuesLength < 0
                || (long) headerLength + metadataLength + valuesLength > size) {
            throw new IllegalArgumentException("counters file lengths inconsistent: size=" + size + ", header=" + headerLength
                    + ", metadata=" + metadataLength + ", values=" + valuesLength);
        }
        CountersReader counters = new CountersReader(
                new UnsafeBuffer(buffer, CountersLayout.metadataOffset(), metadataLength),
                new UnsafeBuffer(buffer, CountersLayout.valuesOffset(metadataLength), valuesLength),
                StandardCharsets.UTF_8);
        Map<CerteusCounter, Long> values = new EnumMap<>(CerteusCounter.class);
        counters.forEach((counterId, typeId, keyBuffer, label) -> {
            CerteusCounter counter = CerteusCounter.ofTypeId(typeId);
            if (counter != null) {
                values.put(counter, counters.getCounterValue(counterId));
            }
        });
        return new CountersSnapshot(file,
                text(buffer, CountersLayout.MEMBER_NAME_LENGTH_OFFSET, CountersLayout.MAX_MEMBER_NAME_BYTES),
                text(buffer, CountersLayout.MEMBER_UUID_LENGTH_OFFSET, CountersLayout.MAX_MEMBER_UUID_BYTES),
                buffer.getLong(CountersLayout.PID_OFFSET),
                buffer.getLong(CountersLayout.START_TIME_MS_OFFSET),
                buffer.getLongAcquire(CountersLayout.HEARTBEAT_MS_OFFSET),
                values);
    }

    private static String text(UnsafeBuffer buffer, int lengthOffset, int maxBytes) {
        int length = buffer.getInt(lengthOffset);
        if (length < 0 || length > maxBytes) {
            throw new IllegalArgumentException("counters file text field out of range: offset=" + lengthOffset + ", length="
                    + length + ", max=" + maxBytes);
        }
        byte[] bytes = new byte[length];
        buffer.getBytes(lengthOffset + Integer.BYTES, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
