package io.certeus.pipeline.stage;

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
        assertThat(window.firstSeen(id, 10_000)).isTrue();
        assertThat(window.firstSeen(id, 10_500)).isFalse();
        assertThat(window.firstSeen(UUID.randomUUID(), 11_001)).isTrue();
        assertThat(window.firstSeen(id, 11_002)).as("older than the horizon: forgotten").isTrue();
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
            assertThat(window.firstSeen(id, step)).as("step %s", step).isEqualTo(expected);
        }
        assertThat(window.size()).isEqualTo(maxIds);
    }

    @Test
    void snapshotRoundTripKeepsRememberedIds() throws Exception {
        DedupeWindow window = new DedupeWindow(1_000_000, 64);
        UUID[] ids = new UUID[40];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UUID.randomUUID();
            window.firstSeen(ids[i], i);
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
        for (UUID id : ids) {
            assertThat(restored.firstSeen(id, 50)).isFalse();
        }
        assertThat(bytes.size()).as("snapshot form ~24 bytes per id").isLessThan(40 * 24 + 200);
    }
}
