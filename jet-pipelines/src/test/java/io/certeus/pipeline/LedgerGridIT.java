package io.certeus.pipeline;

import com.hazelcast.client.test.TestHazelcastFactory;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.map.IMap;
import com.hazelcast.test.HazelcastTestSupport;
import io.certeus.core.MapNames;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventBatch;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.RejectedEvent;
import io.certeus.core.shard.IngestBatches;
import io.certeus.core.shard.IngestKey;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.core.verify.VerificationResult;
import io.certeus.testing.GridLedgerVerification;
import io.certeus.testing.TestChains;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.hazelcast.test.HazelcastTestSupport.assertTrueEventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger job on an 8-member grid with 1000 partitions (mock network), reading the real ingest
 * journal, with the ingest gate stamping events at ingest.
 */
class LedgerGridIT {
    private static final int MEMBERS = 8;
    /** The first case id that falls in each shard, so loads can cover all 1000 shards. */
    private static final String[] CASE_OF_SHARD = casePerShard();

    private TestHazelcastFactory factory;
    private List<HazelcastInstance> members;

    @BeforeEach
    void startGrid() {
        factory = new TestHazelcastFactory();
        members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            members.add(factory.newHazelcastInstance(config()));
        }
        // Start the job only once every partition has its owner and backup: snapshots written during
        // the initial migrations time out on backups, and the job waits for its first snapshot.
        HazelcastTestSupport.waitAllForSafeState(members);
    }

    @AfterEach
    void stopGrid() {
        factory.terminateAll();
    }

    private static Config config() {
        Config config = LedgerPipelineIT.memberConfig();
        config.setProperty(PipelineSettings.SNAPSHOT_INTERVAL_MS, "1000");
        // 8 members on 2 cores: give backups more time than the 5 s default before invocations give up.
        config.setProperty("hazelcast.operation.backup.timeout.millis", "30000");
        return config;
    }

    private static PipelineSettings settings() {
        return PipelineSettings.builder().autostart(false).snapshotIntervalMs(1_000).anchorIntervalMs(500).build();
    }

    @Test
    @Timeout(240)
    void chainsEveryShardGapFreeRejectsMalformedDropsRepeatsAndAnchorsCoverHeads() {
        HazelcastInstance caller = members.get(0);
        Job job = LedgerJobs.startIfAbsent(caller, settings());
        Job again = LedgerJobs.startIfAbsent(members.get(3), settings());
        assertThat(again.getId()).as("the job is never started twice").isEqualTo(job.getId());

        IMap<IngestKey, EventBatch> ingest = caller.getMap(MapNames.INGEST);
        List<Event> good = new ArrayList<>();
        List<Event> batch = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int shard = 0; shard < Shards.SHARD_COUNT; shard++) {
                Event event = event(round * Shards.SHARD_COUNT + shard, CASE_OF_SHARD[shard]);
                good.add(event);
                batch.add(event);
            }
            ingest.putAll(IngestBatches.entries(batch));
            batch.clear();
        }
        Set<UUID> malformed = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Event bad = event(10_000 + i, CASE_OF_SHARD[i * 7]);
            bad = new Event(bad.eventId(), bad.caseId(), bad.type(), bad.actor(), bad.sourceIp(), bad.documentHash(),
                    "[1,2]".getBytes(StandardCharsets.UTF_8), bad.occurredAtMicros(), bad.ingestedAtMicros());
            malformed.add(bad.eventId());
            batch.add(bad);
        }
        for (int i = 0; i < 200; i++) {
            batch.add(good.get(i * 5)); // a repeat
        }
        ingest.putAll(IngestBatches.entries(batch));

        IMap<LedgerKey, LedgerEntry> ledger = caller.getMap(MapNames.LEDGER);
        IMap<UUID, RejectedEvent> rejected = caller.getMap(MapNames.REJECTED);
        assertTrueEventually(() -> {
            assertThat(ledger.size()).isEqualTo(good.size());
            assertThat(rejected.size()).isEqualTo(malformed.size());
            assertThat(ingest.size()).as("ingest map drained: every batch read is removed").isZero();
        }, 120);
        assertThat(rejected.values().stream().map(r -> r.event().eventId()).collect(Collectors.toSet())).isEqualTo(malformed);
        assertThat(rejected.values()).allSatisfy(r -> assertThat(r.reasonCode()).isEqualTo("BAD_PAYLOAD"));

        for (int shard = 0; shard < Shards.SHARD_COUNT; shard++) {
            for (int position = 0; position < 2; position++) {
                LedgerEntry entry = ledger.get(new LedgerKey(shard, position));
                assertThat(entry).as("shard %s position %s", shard, position).isNotNull();
                Event appended = good.get(position * Shards.SHARD_COUNT + shard);
                assertThat(entry.event().eventId()).isEqualTo(appended.eventId());
                assertThat(entry.event().ingestedAtMicros()).as("stamped at ingest, not the client's value")
                        .isNotEqualTo(appended.ingestedAtMicros());
            }
        }
        IMap<Long, Anchor> anchors = caller.getMap(MapNames.ANCHORS);
        assertTrueEventually(() -> {
            Anchor newest = LedgerPipelineIT.newest(new ArrayList<>(anchors.values()));
            assertThat(newest).isNotNull();
            for (int shard = 0; shard < Shards.SHARD_COUNT; shard++) {
                assertThat(newest.shardSizes()[shard]).isEqualTo(2);
            }
        }, 30);
        VerificationResult result = GridLedgerVerification.verify(caller, 256);
        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(good.size());
    }

    @Test
    @Timeout(300)
    void memberKilledDuringLoadLosesNoEventDuplicatesNoneAndMatchesReferenceChains() {
        HazelcastInstance caller = members.get(0);
        Job job = LedgerJobs.startIfAbsent(caller, settings());
        IMap<IngestKey, EventBatch> ingest = caller.getMap(MapNames.INGEST);
        IMap<LedgerKey, LedgerEntry> ledger = caller.getMap(MapNames.LEDGER);
        int batches = 16;
        int batchSize = 500;
        List<Event> appended = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < batchSize; i++) {
                int n = b * batchSize + i;
                Event event = event(n, CASE_OF_SHARD[(n * 7) % Shards.SHARD_COUNT]);
                appended.add(event);
                batch.add(event);
            }
            putWithRetry(ingest, IngestBatches.entries(batch));
            if (b == batches / 2) {
                // Kill while the job is processing, not while it starts.
                assertTrueEventually(() -> assertThat(ledger.size()).isPositive(), 120);
                members.get(MEMBERS - 1).getLifecycleService().terminate();
            }
        }
        assertTrueEventually(() -> assertThat(ledger.size()).as("job status %s", job.getStatus())
                .isGreaterThanOrEqualTo(appended.size()), 180);

        Map<UUID, LedgerEntry> byEventId = new HashMap<>();
        for (LedgerEntry entry : ledger.values()) {
            LedgerEntry earlier = byEventId.put(entry.event().eventId(), entry);
            assertThat(earlier).as("eventId committed twice: %s and %s", earlier, entry).isNull();
        }
        assertThat(byEventId.keySet()).hasSize(appended.size());

        List<Event> expectedInOrder = new ArrayList<>();
        for (Event sent : appended) {
            LedgerEntry stored = byEventId.get(sent.eventId());
            assertThat(stored).as("event lost: %s", sent.eventId()).isNotNull();
            expectedInOrder.add(sent.withIngestedAtMicros(stored.event().ingestedAtMicros()));
        }
        for (List<LedgerEntry> reference : TestChains.chainsByShard(expectedInOrder).values()) {
            for (LedgerEntry expected : reference) {
                LedgerEntry stored = byEventId.get(expected.event().eventId());
                assertThat(stored.event()).isEqualTo(expected.event());
                assertThat(stored.shard()).isEqualTo(expected.shard());
                assertThat(stored.position()).as("position in append order").isEqualTo(expected.position());
                assertThat(stored.prevHash()).isEqualTo(expected.prevHash());
                assertThat(stored.hash()).as("hash equals the reference chain").isEqualTo(expected.hash());
            }
        }
        VerificationResult result = GridLedgerVerification.verify(caller, 256);
        assertThat(result.ok()).as(result.toString()).isTrue();
    }

    /** A resent batch (same keys) overwrites what arrived; events the job already read are dropped as repeats. */
    private static void putWithRetry(IMap<IngestKey, EventBatch> ingest, Map<IngestKey, EventBatch> batch) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                ingest.putAll(batch);
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    static Event event(long n, String caseId) {
        byte[] payload = ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
        return new Event(LaneBatchEvents.eventId(n), caseId, "BUNDLE_SUBMITTED", "clerk", null, null, payload,
                LaneBatchEvents.BASE_MICROS + n, 42L);
    }

    private static String[] casePerShard() {
        String[] cases = new String[Shards.SHARD_COUNT];
        int found = 0;
        for (int i = 0; found < Shards.SHARD_COUNT; i++) {
            String caseId = String.format("GRD-%06d", i);
            int shard = Shards.shardOf(caseId);
            if (cases[shard] == null) {
                cases[shard] = caseId;
                found++;
            }
        }
        return cases;
    }
}
