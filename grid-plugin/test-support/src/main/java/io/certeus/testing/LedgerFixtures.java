package io.certeus.testing;

import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventType;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Builds correctly chained, hashed ledger entries for tests and benchmarks: deterministic for a seed,
 * ~290 bytes per row like production events.
 *
 * <p>Not thread-safe: one instance per thread (it reuses a hasher and a random source).
 */
public final class LedgerFixtures {
    /** 2024-01-01T00:00:00Z in microseconds. */
    public static final long BASE_TIME_MICROS = 1_704_067_200_000_000L;

    private final LedgerHasher hasher = new LedgerHasher();
    private final Random random;

    public LedgerFixtures(long seed) {
        this.random = new Random(seed);
    }

    /** An event of case {@code caseId} with a small JSON payload. */
    public Event event(String caseId, long sequence) {
        byte[] documentHash = new byte[Hashes.HASH_BYTES];
        random.nextBytes(documentHash);
        String payload = "{\"seq\":" + sequence + ",\"note\":\"bundle accepted\",\"pages\":" + (sequence % 97) + "}";
        EventType type = EventType.values()[(int) (sequence % EventType.values().length)];
        return new Event(new UUID(random.nextLong(), random.nextLong()), caseId, type.name(), "clerk-" + (sequence % 50),
                "10.0." + (sequence % 250) + ".7", documentHash, payload.getBytes(StandardCharsets.UTF_8),
                BASE_TIME_MICROS + sequence * 1_000 + 123, BASE_TIME_MICROS + sequence * 1_000 + 456);
    }

    /** The entry at {@code position} of {@code shard} after {@code prevHash}, hashed like the pipeline does. */
    public LedgerEntry entry(int shard, long position, byte[] prevHash, Event event) {
        return TestChains.entry(shard, position, prevHash, event);
    }

    /**
     * {@code perShard} chained entries in each of shards {@code [firstShard, firstShard + shards)},
     * positions from 0, in insertion order.
     */
    public Map<LedgerKey, LedgerEntry> chains(int firstShard, int shards, int perShard) {
        Map<LedgerKey, LedgerEntry> entries = new LinkedHashMap<>();
        for (int shard = firstShard; shard < firstShard + shards; shard++) {
            long firstSequence = (long) (shard - firstShard) * perShard;
            String caseId = String.format("CAS-%06d", shard);
            for (LedgerEntry entry : TestChains.chain(shard, perShard, position -> event(caseId, firstSequence + position))) {
                entries.put(new LedgerKey(shard, entry.position()), entry);
            }
        }
        return entries;
    }

    /** Whether the entry's hash recomputes from its own fields. */
    public boolean verifies(LedgerEntry entry) {
        byte[] recomputed = hasher.entryHash(entry.shard(), entry.position(), entry.prevHash(), entry.event());
        return java.util.Arrays.equals(recomputed, entry.hash());
    }

    /** {@code all} cut into consecutive batches of at most {@code size} entries, in iteration order. */
    public static List<Map<LedgerKey, LedgerEntry>> batches(Map<LedgerKey, LedgerEntry> all, int size) {
        List<Map<LedgerKey, LedgerEntry>> batches = new ArrayList<>();
        Map<LedgerKey, LedgerEntry> current = new LinkedHashMap<>();
        for (Map.Entry<LedgerKey, LedgerEntry> entry : all.entrySet()) {
            current.put(entry.getKey(), entry.getValue());
            if (current.size() == size) {
                batches.add(current);
                current = new LinkedHashMap<>();
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
