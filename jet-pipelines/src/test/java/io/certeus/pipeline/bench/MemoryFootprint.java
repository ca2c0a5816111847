package io.certeus.pipeline.bench;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import io.certeus.core.MapNames;
import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventBatch;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.IngestBatches;
import io.certeus.core.shard.IngestKey;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.member.bootstrap.MemberConfigs;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Grid heap per item, for sizing members: two members from the shipped YAML (backup count 1),
 * N demo-sized events, then Hazelcast's own per-map memory cost (owned + backup) for ledger
 * entries and receipts, and the heap growth the ingest journal keeps after the ingest entries are
 * deleted (what a journal slot costs). Writes {@code target/bench/memory.json}.
 *
 * <p>Not thread-safe: a main program.
 */
public final class MemoryFootprint {
    private static final int EVENTS = 100_000;

    private MemoryFootprint() {
    }

    public static void main(String[] args) throws Exception {
        Properties none = new Properties();
        List<HazelcastInstance> members = List.of(member(none), member(none));
        HazelcastInstance member = members.get(0);
        LedgerHasher hasher = new LedgerHasher();

        long heapBaseline = usedHeapAfterGc();
        IMap<IngestKey, EventBatch> ingest = member.getMap(MapNames.INGEST);
        List<Event> ingestBatch = new ArrayList<>();
        Map<LedgerKey, LedgerEntry> ledgerBatch = new HashMap<>();
        long[] positions = new long[Shards.SHARD_COUNT];
        for (int i = 0; i < EVENTS; i++) {
            String caseId = String.format("CIV-%06d", i % 5_000);
            int shard = Shards.shardOf(caseId);
            Event event = new Event(UUID.randomUUID(), caseId, "BUNDLE_SUBMITTED", "clerk.adams@court.example", "10.0.3.7",
                    Hashes.sha256(new byte[] {(byte) i}),
                    ("{\"bundle\":\"bundle-" + i + ".pdf\",\"pages\":12,\"mime\":\"application/pdf\"}").getBytes(StandardCharsets.UTF_8),
                    1_767_225_600_000_000L + i, Event.NOT_INGESTED);
            ingestBatch.add(event);
            Event ingested = event.withIngestedAtMicros(1_767_225_600_000_000L + i);
            long position = positions[shard]++;
            LedgerEntry entry = new LedgerEntry(ingested, shard, position, Hashes.ZERO_HASH,
                    hasher.entryHash(shard, position, Hashes.ZERO_HASH, ingested));
            ledgerBatch.put(new LedgerKey(shard, position), entry);
            if (ingestBatch.size() == 1_000) {
                ingest.putAll(IngestBatches.entries(ingestBatch));
                member.getMap(MapNames.LEDGER).putAll(ledgerBatch);
                ingestBatch.clear();
                ledgerBatch.clear();
            }
        }
        double ledgerPerEntry = memoryCost(members, MapNames.LEDGER) / (double) EVENTS;
        double ingestPerEvent = memoryCost(members, MapNames.INGEST) / (double) EVENTS;
        long batches = ingest.size();

        long heapWithIngest = usedHeapAfterGc();
        for (IngestKey key : ingest.keySet()) {
            ingest.delete(key); // as the ledger job does once it has read a batch
        }
        long heapAfterDelete = usedHeapAfterGc();
        long ledger = memoryCost(members, MapNames.LEDGER);
        // journal slots now held, owner and backup: one ADDED and one REMOVED event per batch
        double journalPerSlot = (heapAfterDelete - heapBaseline - ledger) / (double) (batches * 2L * 2L);

        String json = String.format("{%n  \"events\": %d,%n  \"ledger_entry_bytes_with_backup\": %.0f,%n"
                + "  \"ingest_bytes_per_event_with_backup\": %.0f,%n  \"ingest_batches\": %d,%n"
                + "  \"journal_slot_bytes_estimate\": %.0f,%n  \"heap_with_ingest_mb\": %.1f%n}%n",
                EVENTS, ledgerPerEntry, ingestPerEvent, batches, journalPerSlot,
                (heapWithIngest - heapBaseline) / 1e6);
        System.out.print(json);
        Path out = Path.of("target", "bench", "memory.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json);
        members.forEach(HazelcastInstance::shutdown);
    }

    private static HazelcastInstance member(Properties variables) {
        Config config = MemberConfigs.withoutPersistence(MemberConfigs.fromClasspath(variables));
        config.setClusterName("memory-footprint");
        config.setProperty("certeus.pipeline.autostart", "false");
        config.getNetworkConfig().setPort(5981);
        return Hazelcast.newHazelcastInstance(config);
    }

    private static long memoryCost(List<HazelcastInstance> members, String map) {
        long total = 0;
        for (HazelcastInstance m : members) {
            LocalMapStats stats = m.getMap(map).getLocalMapStats();
            total += stats.getOwnedEntryMemoryCost() + stats.getBackupEntryMemoryCost();
        }
        return total;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
