package io.certeus.member;

import com.hazelcast.client.test.TestHazelcastFactory;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import io.certeus.core.MapNames;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventBatch;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.RejectedEvent;
import io.certeus.core.shard.IngestBatches;
import io.certeus.core.shard.IngestKey;
import io.certeus.core.shard.IngestLanes;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.testing.TestEvents;
import io.certeus.testing.TestGrids;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.hazelcast.test.HazelcastTestSupport.assertClusterSizeEventually;
import static org.assertj.core.api.Assertions.assertThat;

/** The grid shape CERTEUS relies on: 8 members from the shipped YAML, 1000 partitions, one shard per partition. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GridShapeIT {
    private static final int MEMBERS = 8;

    private static TestHazelcastFactory factory;
    private static HazelcastInstance[] members;
    private static HazelcastInstance client;

    @BeforeAll
    static void startGrid() {
        String clusterName = TestGrids.uniqueClusterName("grid-shape");
        factory = new TestHazelcastFactory(MEMBERS);
        members = new HazelcastInstance[MEMBERS];
        for (int i = 0; i < MEMBERS; i++) {
            Config config = TestGrids.memberConfigWithoutPersistence(clusterName);
            members[i] = factory.newHazelcastInstance(config);
        }
        assertClusterSizeEventually(MEMBERS, members);
        client = factory.newHazelcastClient(TestGrids.clientConfig(clusterName));
    }

    @AfterAll
    static void stopGrid() {
        if (factory != null) {
            factory.shutdownAll();
        }
    }

    @Test
    void everyMemberRunsWithThousandPartitionsAndJet() {
        for (HazelcastInstance member : members) {
            assertThat(member.getPartitionService().getPartitions()).hasSize(Shards.SHARD_COUNT);
            assertThat(member.getConfig().getJetConfig().isEnabled()).isTrue();
        }
    }

    @Test
    void everyMemberReportsTheClusterSizeItSeesAsAMeter() {
        // The global registry only forwards to registries added to it (the Prometheus endpoint, here this one).
        SimpleMeterRegistry reader = new SimpleMeterRegistry();
        Metrics.globalRegistry.add(reader);
        try {
            for (HazelcastInstance member : members) {
                Gauge seen = reader.find("certeus.cluster.members").tag("member", member.getName()).gauge();
                assertThat(seen).as("certeus_cluster_members of %s", member.getName()).isNotNull();
                assertThat(seen.value()).isEqualTo(MEMBERS);
            }
        } finally {
            Metrics.globalRegistry.remove(reader);
        }
    }

    @Test
    void clientSeesThousandPartitions() {
        assertThat(client.getPartitionService().getPartitions()).hasSize(Shards.SHARD_COUNT);
    }

    @Test
    void everyShardKeyLandsOnItsOwnPartition() {
        PartitionService partitions = members[3].getPartitionService();
        PartitionService clientPartitions = client.getPartitionService();
        for (int shard = 0; shard < Shards.SHARD_COUNT; shard++) {
            assertThat(partitions.getPartition(new LedgerKey(shard, 0)).getPartitionId()).as("ledger key, shard %d", shard)
                    .isEqualTo(shard);
            assertThat(partitions.getPartition(new LedgerKey(shard, Long.MAX_VALUE)).getPartitionId()).isEqualTo(shard);
            if (IngestLanes.isLane(shard)) {
                assertThat(partitions.getPartition(new IngestKey(UUID.randomUUID(), shard)).getPartitionId())
                        .as("ingest lane %d lives on partition %d", shard, shard).isEqualTo(IngestLanes.partitionOf(shard));
            }
            assertThat(clientPartitions.getPartition(new LedgerKey(shard, 42)).getPartitionId()).isEqualTo(shard);
        }
    }

    @Test
    void shardOfCaseIdIsThePartitionTheClusterAssigns() {
        PartitionService partitions = client.getPartitionService();
        Random random = new Random(1000);
        for (int i = 0; i < 5000; i++) {
            String caseId = String.format("%c%c%c-%06d", 'A' + random.nextInt(26), 'A' + random.nextInt(26),
                    'A' + random.nextInt(26), random.nextInt(1_000_000));
            assertThat(Shards.shardOf(caseId)).as(caseId).isEqualTo(partitions.getPartition(caseId).getPartitionId());
        }
    }

    @Test
    void ledgerEntriesWrittenByTheClientAreStoredOnTheOwnerOfTheirShard() {
        IMap<LedgerKey, LedgerEntry> ledger = client.getMap(MapNames.LEDGER);
        Map<LedgerKey, LedgerEntry> batch = new HashMap<>();
        for (int shard = 0; shard < Shards.SHARD_COUNT; shard += 97) {
            Event event = TestEvents.event().eventId(UUID.randomUUID()).build();
            batch.put(new LedgerKey(shard, 0), new LedgerEntry(event, shard, 0, Hashes.ZERO_HASH, Hashes.sha256(new byte[] {1})));
        }
        ledger.putAll(batch);
        for (LedgerKey key : batch.keySet()) {
            Partition partition = members[0].getPartitionService().getPartition(key);
            HazelcastInstance owner = ownerOf(partition);
            IMap<LedgerKey, LedgerEntry> ownersView = owner.getMap(MapNames.LEDGER);
            assertThat(ownersView.localKeySet()).as("owner of shard %d holds the key", key.shard()).contains(key);
            assertThat(ownersView.get(key)).isEqualTo(batch.get(key));
        }
    }

    @Test
    void ingestStampsIngestedAtOnTheMemberWhateverTheClientSent() {
        long beforeMicros = System.currentTimeMillis() * 1000 - 1_000_000;
        Event fromClient = TestEvents.event().eventId(UUID.randomUUID()).ingestedAtMicros(Event.NOT_INGESTED).build();
        Event claimingOldTime = TestEvents.event().eventId(UUID.randomUUID()).ingestedAtMicros(1L).build();
        Map<IngestKey, EventBatch> entries = IngestBatches.entries(List.of(fromClient, claimingOldTime));
        client.getMap(MapNames.INGEST).putAll(entries);

        for (IngestKey key : entries.keySet()) {
            EventBatch stored = (EventBatch) members[2].getMap(MapNames.INGEST).get(key);
            EventBatch sent = entries.get(key);
            assertThat(stored.ingestedAtMicros()).as("stamped by the member").isGreaterThan(beforeMicros);
            List<Event> storedEvents = stored.events();
            assertThat(storedEvents).hasSize(sent.eventCount());
            for (int i = 0; i < storedEvents.size(); i++) {
                assertThat(storedEvents.get(i).ingestedAtMicros()).isEqualTo(stored.ingestedAtMicros());
            }
            assertThat(storedEvents.stream().map(e -> e.withIngestedAtMicros(Event.NOT_INGESTED)))
                    .containsExactlyElementsOf(sent.events());
        }
    }

    @Test
    void everyModelTypeRoundTripsThroughCompactSerialization() {
        Event event = TestEvents.event().documentHash(Hashes.sha256(new byte[] {7})).build();
        LedgerEntry entry = new LedgerEntry(event, 5, 9, Hashes.sha256(new byte[] {1}), Hashes.sha256(new byte[] {2}));
        RejectedEvent rejected = new RejectedEvent(TestEvents.event().caseId(null).type("???").build(), "BAD_CASE_ID",
                "caseId must match", 123L);
        long[] sizes = new long[Shards.SHARD_COUNT];
        sizes[5] = 10;
        Anchor anchor = new Anchor(3, 456L, Hashes.sha256(new byte[] {3}), Hashes.ZERO_HASH, Hashes.sha256(new byte[] {4}),
                sizes, new byte[Shards.SHARD_COUNT * Hashes.HASH_BYTES]);

        IngestKey ingestKey = new IngestKey(UUID.randomUUID(), 7);
        client.getMap(MapNames.INGEST).put(ingestKey, EventBatch.of(7, List.of(event)));
        client.getMap(MapNames.LEDGER).put(new LedgerKey(5, 9), entry);
        client.getMap(MapNames.REJECTED).put(rejected.event().eventId(), rejected);
        client.getMap(MapNames.ANCHORS).put(anchor.sequence(), anchor);

        HazelcastInstance member = members[MEMBERS - 1];
        Event ingested = ((EventBatch) member.getMap(MapNames.INGEST).get(ingestKey)).events().get(0);
        assertThat(ingested.withIngestedAtMicros(event.ingestedAtMicros())).isEqualTo(event);
        assertThat(member.getMap(MapNames.LEDGER).get(new LedgerKey(5, 9))).isEqualTo(entry);
        assertThat(member.getMap(MapNames.REJECTED).get(rejected.event().eventId())).isEqualTo(rejected);
        assertThat(member.getMap(MapNames.ANCHORS).get(anchor.sequence())).isEqualTo(anchor);
    }

    private static HazelcastInstance ownerOf(Partition partition) {
        for (HazelcastInstance member : members) {
            if (member.getCluster().getLocalMember().equals(partition.getOwner())) {
                return member;
            }
        }
        throw new AssertionError("no member owns partition " + partition.getPartitionId());
    }
}
