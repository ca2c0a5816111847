package io.certeus.pipeline.stage;

import io.certeus.pipeline.stage.DedupeWindow.Admission;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DedupeWindowTest {
    @Test
    void dropsRepeatWithinHorizonAndForgetsAfterIt() {
        DedupeWindow window = new DedupeWindow(1_000, 100);
        UUID id = UUID.randomUUID();
        assertThat(window.admit(id, 1, 10_000)).isEqualTo(Admission.NEW);
        assertThat(window.admit(id, 1, 10_500)).isEqualTo(Admission.REPEAT);
        assertThat(window.admit(UUID.randomUUID(), 1, 11_001)).isEqualTo(Admission.NEW);
        assertThat(window.admit(id, 1, 11_002)).as("older than the horizon: forgotten").isEqualTo(Admission.NEW);
    }

    @Test
    void sameIdWithOtherContentIsAConflictAndTheFirstContentIsKept() {
        DedupeWindow window = new DedupeWindow(1_000, 100);
        UUID id = UUID.randomUUID();
        assertThat(window.admit(id, 7, 10_000)).isEqualTo(Admission.NEW);
        assertThat(window.admit(id, 8, 10_001)).isEqualTo(Admission.CONFLICT);
        assertThat(window.admit(id, 7, 10_002)).isEqualTo(Admission.REPEAT);
    }

    @Test
    void forgetsOldestBeyondMaxIdsAndMatchesAReferenceModel() {
        int maxIds = 50;
        DedupeWindow window = new DedupeWindow(Long.MAX_VALUE / 4, maxIds);
        Deque<UUID> fifo = new ArrayDeque<>();
        Set<UUID> live = new HashSet<>();
        Random random = new Random(7);
        UUID[] pool = new UUID[120];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new UUID(random.nextLong(), random.nextLong());
        }
        for (int step = 0; step < 20_000; step++) {
            UUID id = pool[random.nextInt(pool.length)];
            boolean expected = !live.contains(id);
            if (expected) {
                if (fifo.size() == maxIds) {
                    live.remove(fifo.removeFirst());
                }
                fifo.addLast(id);
                live.add(id);
            }
            assertThat(window.admit(id, id.getLeastSignificantBits(), step)).as("step %s", step)
                    .isEqualTo(expected ? Admission.NEW : Admission.REPEAT);
        }
        assertThat(window.size()).isEqualTo(maxIds);
    }

    @Test
    void snapshotRoundTripKeepsRememberedIds() throws Exception {
        DedupeWindow window = new DedupeWindow(1_000_000, 64);
        UUID[] ids = new UUID[40];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.randomUUID();
            window.admit(ids[i], i, i);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(window);
        }
        DedupeWindow restored;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            restored = (DedupeWindow) in.readObject();
        }
        assertThat(restored.size()).isEqualTo(40);
        for (int i = 0; i < ids.length; i++) {
            assertThat(restored.admit(ids[i], i, 50)).isEqualTo(Admission.REPEAT);
            assertThat(restored.admit(ids[i], i + 1, 50)).as("fingerprints survive the snapshot").isEqualTo(Admission.CONFLICT);
        }
        assertThat(bytes.size()).as("snapshot form ~32 bytes per id").isLessThan(40 * 32 + 200);
    }
}
