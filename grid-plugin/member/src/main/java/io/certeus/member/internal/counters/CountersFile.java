package io.certeus.member.internal.counters;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The writing side of a member's counters file ({@link CountersLayout}): maps a new file, writes
 * the header, allocates one Agrona counter per {@link CerteusCounter} and then publishes the layout
 * version, so readers never see a half-made file. {@code certeus top} (or anything that maps the file,
 * as AeronStat does Aeron's) reads the values without touching the member.
 *
 * <p>Thread-safety: create and {@link #close} from one thread; between them any one thread may write
 * the counters and the heartbeat (release semantics, readers use acquire). {@link #close} unmaps the
 * memory, so whoever writes must have stopped first: a write after it would fault.
 */
public final class CountersFile implements AutoCloseable {
    private final Path path;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final Map<CerteusCounter, AtomicCounter> counters = new EnumMap<>(CerteusCounter.class);
    private boolean closed;

    private CountersFile(Path path, MappedByteBuffer mapped, UnsafeBuffer header) {
        this.path = path;
        this.mapped = mapped;
        this.header = header;
    }

    /**
     * Creates (or replaces: a file left by an earlier member of the same name in a JVM with the same
     * pid is dead) the counters file of a member in {@code directory}, which is created if missing.
     */
    public static CountersFile create(Path directory, String memberName, String memberUuid, long pid, long startTimeMs) {
        CerteusCounter[] all = CerteusCounter.values();
        int metadataLength = CountersLayout.metadataLength(all.length);
        int valuesLength = CountersLayout.valuesLength(all.length);
        Path path = directory.resolve(CountersLayout.fileName(memberName, pid));
        MappedByteBuffer mapped;
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(path);
            mapped = IoUtil.mapNewFile(path.toFile(), CountersLayout.fileLength(all.length));
        } catch (IOException e) { // mapNewFile rethrows its IOException unchecked; caught here all the same
            throw new UncheckedIOException("counters file not created: path=" + path, e);
        }
        UnsafeBuffer header = new UnsafeBuffer(mapped, 0, CountersLayout.HEADER_LENGTH);
        header.putLong(CountersLayout.MAGIC_OFFSET, CountersLayout.MAGIC);
        header.putInt(CountersLayout.HEADER_LENGTH_OFFSET, CountersLayout.HEADER_LENGTH);
        header.putInt(CountersLayout.METADATA_LENGTH_OFFSET, metadataLength);
        header.putInt(CountersLayout.VALUES_LENGTH_OFFSET, valuesLength);
        header.putLong(CountersLayout.PID_OFFSET, pid);
        header.putLong(CountersLayout.START_TIME_MS_OFFSET, startTimeMs);
        header.putLong(CountersLayout.HEARTBEAT_MS_OFFSET, startTimeMs);
        putText(header, CountersLayout.MEMBER_NAME_LENGTH_OFFSET, CountersLayout.MAX_MEMBER_NAME_BYTES,
                memberName.getBytes(StandardCharsets.UTF_8));
        putText(header, CountersLayout.MEMBER_UUID_LENGTH_OFFSET, CountersLayout.MAX_MEMBER_UUID_BYTES,
                memberUuid.getBytes(StandardCharsets.US_ASCII));
        CountersFile file = new CountersFile(path, mapped, header);
        CountersManager manager = new CountersManager(
                new UnsafeBuffer(mapped, CountersLayout.metadataOffset(), metadataLength),
                new UnsafeBuffer(mapped, CountersLayout.valuesOffset(metadataLength), valuesLength),
                StandardCharsets.UTF_8);
        for (CerteusCounter counter : all) {
            AtomicCounter allocated = manager.newCounter(counter.label(), counter.typeId());
            if (counter.kind() == CerteusCounter.Kind.GAUGE) {
                allocated.setRelease(CerteusCounter.NOT_AVAILABLE); // until the first sample says otherwise
            }
            file.counters.put(counter, allocated);
        }
        // Last: a reader treats version 0 as "still being written".
        header.putIntVolatile(CountersLayout.LAYOUT_VERSION_OFFSET, CountersLayout.LAYOUT_VERSION);
        return file;
    }

    /** Writes at most {@code maxBytes} of {@code bytes} after their length. */
    private static void putText(UnsafeBuffer header, int lengthOffset, int maxBytes, byte[] bytes) {
        int length = Math.min(bytes.length, maxBytes);
        header.putInt(lengthOffset, length);
        header.putBytes(lengthOffset + Integer.BYTES, bytes, 0, length);
    }

    public AtomicCounter counter(CerteusCounter counter) {
        return counters.get(counter);
    }

    /** Tells readers this member is alive at {@code nowMs} (epoch ms); a reader calls a file stale when this stops moving. */
    public void heartbeat(long nowMs) {
        header.putLongRelease(CountersLayout.HEARTBEAT_MS_OFFSET, nowMs);
    }

    public Path path() {
        return path;
    }

    /** Unmaps and deletes the file: a member that stops cleanly leaves nothing behind. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        IoUtil.unmap(mapped);
        delete();
    }

    /**
     * Deletes the file but keeps the memory mapped, for when a writer may still be running (writing
     * to unmapped memory would crash the JVM); the mapping goes when the buffer is collected.
     */
    public void deleteLeavingMapped() {
        closed = true;
        delete();
    }

    private void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("counters file not deleted: path=" + path, e);
        }
    }
}
