package io.certeus.member.internal.counters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CountersFileTest {
    private static final long START_MS = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void readerSeesWhatTheWriterWrote() {
        try (CountersFile file = CountersFile.create(dir, "hz-member/1", "5f1c2a9e-0000-4000-8000-000000000001", 4242, START_MS)) {
            file.counter(CerteusCounter.EVENTS_APPENDED).setRelease(1_234);
            file.counter(CerteusCounter.EVENTS_CHAINED).setRelease(1_200);
            file.counter(CerteusCounter.JOB_RUNNING).setRelease(1);
            file.heartbeat(START_MS + 3_000);

            assertThat(file.path().getFileName().toString()).isEqualTo("hz-member_1-4242.counters");
            CountersSnapshot snapshot = CountersFileReader.read(file.path());

            assertThat(snapshot.memberName()).isEqualTo("hz-member/1");
            assertThat(snapshot.memberUuid()).isEqualTo("5f1c2a9e-0000-4000-8000-000000000001");
            assertThat(snapshot.pid()).isEqualTo(4242);
            assertThat(snapshot.startTimeMs()).isEqualTo(START_MS);
            assertThat(snapshot.heartbeatMs()).isEqualTo(START_MS + 3_000);
            assertThat(snapshot.value(CerteusCounter.EVENTS_APPENDED)).isEqualTo(1_234);
            assertThat(snapshot.value(CerteusCounter.EVENTS_CHAINED)).isEqualTo(1_200);
            assertThat(snapshot.value(CerteusCounter.JOB_RUNNING)).isEqualTo(1);
            assertThat(snapshot.values()).as("every counter is in the file").containsOnlyKeys(CerteusCounter.values());
        }
    }

    @Test
    void gaugesReadNotAvailableUntilFirstSampled() {
        try (CountersFile file = CountersFile.create(dir, "m", "u", 1, START_MS)) {
            CountersSnapshot snapshot = CountersFileReader.read(file.path());
            assertThat(snapshot.value(CerteusCounter.DURABLE_LAG)).isEqualTo(CerteusCounter.NOT_AVAILABLE);
            assertThat(snapshot.value(CerteusCounter.EVENTS_APPENDED)).isZero();
        }
    }

    @Test
    void valuesSitOnTheirOwnCacheLinesAfterTheHeader() {
        int metadataLength = CountersLayout.metadataLength(CerteusCounter.values().length);
        assertThat(CountersLayout.HEADER_LENGTH % 64).isZero();
        assertThat(CountersLayout.valuesOffset(metadataLength) % 64).isZero();
        assertThat(CountersLayout.MEMBER_NAME_OFFSET + CountersLayout.MAX_MEMBER_NAME_BYTES)
                .isLessThanOrEqualTo(CountersLayout.MEMBER_UUID_LENGTH_OFFSET);
        assertThat(CountersLayout.MEMBER_UUID_OFFSET + CountersLayout.MAX_MEMBER_UUID_BYTES)
                .isLessThanOrEqualTo(CountersLayout.HEADER_LENGTH);
    }

    @Test
    void heartbeatOlderThanTheLimitIsStale() {
        try (CountersFile file = CountersFile.create(dir, "m", "u", 1, START_MS)) {
            file.heartbeat(START_MS + 10_000);
            CountersSnapshot snapshot = CountersFileReader.read(file.path());
            long staleAfterMs = CountersFileReader.DEFAULT_STALE_AFTER_MS;
            assertThat(snapshot.isStale(START_MS + 10_000 + staleAfterMs, staleAfterMs)).isFalse();
            assertThat(snapshot.isStale(START_MS + 10_001 + staleAfterMs, staleAfterMs)).isTrue();
        }
    }

    @Test
    void closeRemovesTheFile() {
        CountersFile file = CountersFile.create(dir, "m", "u", 1, START_MS);
        Path path = file.path();
        file.close();
        assertThat(path).doesNotExist();
        assertThat(CountersFileReader.readDirectory(dir).snapshots()).isEmpty();
    }

    @Test
    void fileNotYetPublishedIsSkipped() throws IOException {
        try (CountersFile file = CountersFile.create(dir, "m", "u", 1, START_MS)) {
            writeInt(file.path(), CountersLayout.LAYOUT_VERSION_OFFSET, 0);
            assertThat(CountersFileReader.read(file.path())).isNull();
        }
    }

    @Test
    void directoryListsEveryMemberAndNamesFilesItCannotRead() throws IOException {
        try (CountersFile second = CountersFile.create(dir, "member-b", "u2", 7, START_MS);
             CountersFile first = CountersFile.create(dir, "member-a", "u1", 7, START_MS)) {
            Files.write(dir.resolve("junk" + CountersLayout.FILE_SUFFIX), new byte[CountersLayout.HEADER_LENGTH]);
            Files.writeString(dir.resolve("notes.txt"), "not a counters file");

            CountersFileReader.DirectoryContents contents = CountersFileReader.readDirectory(dir);

            assertThat(contents.snapshots()).extracting(CountersSnapshot::memberName).containsExactly("member-a", "member-b");
            assertThat(contents.unreadable()).singleElement().asString().startsWith("junk.counters: not a CERTEUS counters file");
        }
    }

    @Test
    void otherLayoutVersionIsRefusedWithItsVersion() throws IOException {
        try (CountersFile file = CountersFile.create(dir, "m", "u", 1, START_MS)) {
            writeInt(file.path(), CountersLayout.LAYOUT_VERSION_OFFSET, CountersLayout.LAYOUT_VERSION + 1);
            List<String> unreadable = CountersFileReader.readDirectory(dir).unreadable();
            assertThat(unreadable).singleElement().asString().contains("version=" + (CountersLayout.LAYOUT_VERSION + 1));
        }
    }

    @Test
    void absentDirectoryHoldsNoFiles() {
        assertThat(CountersFileReader.readDirectory(dir.resolve("none")).snapshots()).isEmpty();
    }

    @Test
    void typeIdsAreUnique() {
        assertThat(Arrays.stream(CerteusCounter.values()).map(CerteusCounter::typeId).distinct().count())
                .isEqualTo(CerteusCounter.values().length);
    }

    private static void writeInt(Path file, int offset, int value) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.nativeOrder()).putInt(0, value);
            channel.write(bytes, offset);
        }
    }
}
