package io.certeus.pipeline;

import com.hazelcast.client.test.TestHazelcastFactory;
import com.hazelcast.collection.IList;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.test.TestSources;
import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.merkle.MerkleTree;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.RejectedEvent;
import io.certeus.core.verify.LedgerVerifier;
import io.certeus.core.verify.VerificationResult;
import io.certeus.member.bootstrap.MemberConfigs;
import io.certeus.pipeline.stage.AnchorLookup;
import io.certeus.pipeline.stage.PriorEntryLookup;
import io.certeus.testing.TestChains;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.hazelcast.test.HazelcastTestSupport.assertTrueEventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The six stages on one member, fed by {@code TestSources.itemStream}: events 0..N-1 once (every
 * tenth malformed) packed in lane batches as a client packs them, then the same batches again as repeats.
 * An integration test: it starts a member with the shipped 1000-partition config.
 */
class LedgerPipelineIT {
    private static final int EVENTS = 3_000;
    private static final int CASES = 60;

    private static TestHazelcastFactory factory;
    private static HazelcastInstance member;

    @BeforeAll
    static void startMember() {
        factory = new TestHazelcastFactory();
        member = factory.newHazelcastInstance(memberConfig());
    }

    @AfterAll
    static void stopMember() {
        factory.shutdownAll();
    }

    static Config memberConfig() {
        Properties variables = new Properties();
        Config config = MemberConfigs.withoutPersistence(MemberConfigs.fromClasspath(variables));
        config.setProperty(PipelineSettings.AUTOSTART, "false");
        config.setProperty("hazelcast.partition.count", "1000");
        return config;
    }

    /** An anchor store where another run of the job wrote sequence 0 first, not yet visible to the adoption. */
    static final class SequenceZeroWrittenFirst implements AnchorLookup {
        private static final long serialVersionUID = 1L;
        static final Anchor FIRST = TestChains.anchorOver(0, 1_000, io.certeus.core.hash.Hashes.ZERO_HASH, List.of());

        @Override
        public Anchor latest(HazelcastInstance member) {
            return null;
        }

        @Override
        public Anchor claim(HazelcastInstance member, Anchor anchor) {
            return anchor.sequence() == 0 ? FIRST : null;
        }
    }

    @Test
    @Timeout(120)
    void anAnchorSequenceAnotherRunWroteFirstIsContinuedNotForked() {
        PipelineSettings settings = PipelineSettings.builder().anchorIntervalMs(100).snapshotIntervalMs(500).build();
        String anchorsList = "anchors-" + UUID.randomUUID();
        LedgerSinks sinks = new LedgerSinks(Sinks.list("ledger-" + anchorsList), Sinks.list("rejected-" + anchorsList),
                Sinks.list(anchorsList), Sinks.list("cleanup-" + anchorsList), new SequenceZeroWrittenFirst(), PriorEntryLookup.none());
        Pipeline pipeline = LedgerPipeline.build(
                TestSources.itemStream(500, (timestamp, sequence) -> LaneBatchEvents.laneJournalItem(sequence, 200, 20)), sinks, settings);
        Job job = member.getJet().newJob(pipeline, LedgerPipeline.jobConfig(settings).setName("claim-" + UUID.randomUUID()));
        try {
            IList<Anchor> anchors = member.getList(anchorsList);
            assertTrueEventually(() -> assertThat(anchors).isNotEmpty(), 60);
            List<Anchor> emitted = new ArrayList<>(anchors);
            assertThat(emitted).as("sequence 0 was written by the other run").noneMatch(anchor -> anchor.sequence() == 0);
            Anchor next = emitted.stream().min(Comparator.comparingLong(Anchor::sequence)).orElseThrow();
            assertThat(next.sequence()).isEqualTo(1);
            assertThat(next.prevAnchorHash()).as("continues the anchor written first").isEqualTo(SequenceZeroWrittenFirst.FIRST.anchorHash());
        } finally {
            job.cancel();
        }
    }

    @Test
    @Timeout(120)
    void chainsAcceptedEventsRejectsMalformedDropsRepeatsAndAnchorsHeads() {
        PipelineSettings settings = PipelineSettings.builder().anchorIntervalMs(200).snapshotIntervalMs(500).build();
        int events = EVENTS;
        int cases = CASES;
        LedgerSinks sinks = new LedgerSinks(Sinks.list("ledger"), Sinks.list("rejected"),
                Sinks.list("anchors"), Sinks.list("cleanup"), AnchorLookup.none(), PriorEntryLookup.none());
        int batches = LaneBatchEvents.laneBatches(events, cases).size();
        // every batch once, then every batch again: the second round is all repeats
        Pipeline pipeline = LedgerPipeline.build(
                TestSources.itemStream(2_000, (timestamp, sequence) -> LaneBatchEvents.laneJournalItem(sequence, events, cases)),
                sinks, settings);
        Job job = member.getJet().newJob(pipeline, LedgerPipeline.jobConfig(settings).setName("unit-" + UUID.randomUUID()));
        try {
            List<Event> accepted = new ArrayList<>();
            Set<UUID> malformed = new HashSet<>();
            for (long n = 0; n < events; n++) {
                if (LaneBatchEvents.isMalformed(n)) {
                    malformed.add(LaneBatchEvents.eventId(n));
                } else {
                    accepted.add(LaneBatchEvents.event(n, cases));
                }
            }
            IList<LedgerEntry> ledger = member.getList("ledger");
            IList<byte[]> cleanup = member.getList("cleanup");
            // Every batch and every repeat of it read (its key goes to cleanup as soon as it is read), and
            // every accepted event chained: the ingest keys are removed before their events are chained.
            assertTrueEventually(() -> {
                assertThat(cleanup.size()).isGreaterThanOrEqualTo(2 * batches);
                assertThat(ledger.size()).isGreaterThanOrEqualTo(accepted.size());
            }, 60);
            assertThat(batches).as("several events per batch").isLessThan(events / 2);

            List<LedgerEntry> entries = new ArrayList<>(ledger);
            assertThat(entries).as("one ledger entry per accepted event, repeats dropped").hasSize(accepted.size());
            Map<Integer, List<LedgerEntry>> expected = TestChains.chainsByShard(accepted);
            Map<Integer, List<LedgerEntry>> actual = entries.stream()
                    .sorted(Comparator.comparingInt(LedgerEntry::shard).thenComparingLong(LedgerEntry::position))
                    .collect(Collectors.groupingBy(LedgerEntry::shard));
            assertThat(actual).as("every chain equals the independently computed reference chain").isEqualTo(expected);

            List<Map.Entry<UUID, RejectedEvent>> rejected = new ArrayList<>(member.<Map.Entry<UUID, RejectedEvent>>getList("rejected"));
            Set<UUID> rejectedEventIds = rejected.stream().map(r -> r.getValue().event().eventId()).collect(Collectors.toSet());
            assertThat(rejectedEventIds).isEqualTo(malformed);
            assertThat(rejected).allSatisfy(r -> {
                assertThat(r.getValue().reasonCode()).isEqualTo("UNKNOWN_TYPE");
                assertThat(r.getValue().message()).contains("type=\"NOT_A_TYPE\"");
            });

            IList<Anchor> anchorList = member.getList("anchors");
            assertTrueEventually(() -> {
                Anchor last = newest(new ArrayList<>(anchorList));
                assertThat(last).isNotNull();
                for (Map.Entry<Integer, List<LedgerEntry>> chain : expected.entrySet()) {
                    List<LedgerEntry> shardChain = chain.getValue();
                    assertThat(last.shardSizes()[chain.getKey()]).isEqualTo(shardChain.size());
                    assertThat(last.head(chain.getKey()).headHash()).isEqualTo(shardChain.get(shardChain.size() - 1).hash());
                }
            }, 30);
            List<Anchor> anchors = new ArrayList<>(anchorList);
            assertAnchorsChainAndRecompute(anchors);

            LedgerVerifier verifier = new LedgerVerifier(anchors);
            new java.util.TreeMap<>(actual).values().forEach(chain -> chain.forEach(verifier::accept));
            VerificationResult result = verifier.finish();
            assertThat(result.ok()).as(result.toString()).isTrue();
        } finally {
            job.cancel();
        }
    }

    static Anchor newest(List<Anchor> anchors) {
        return anchors.stream().max(Comparator.comparingLong(Anchor::sequence)).orElse(null);
    }

    static void assertAnchorsChainAndRecompute(List<Anchor> anchors) {
        anchors.sort(Comparator.comparingLong(Anchor::sequence));
        LedgerHasher hasher = new LedgerHasher();
        byte[] prev = Hashes.ZERO_HASH;
        for (int i = 0; i < anchors.size(); i++) {
            Anchor anchor = anchors.get(i);
            assertThat(anchor.sequence()).as("anchor sequences are gap-free").isEqualTo(i);
            assertThat(anchor.prevAnchorHash()).as("anchor %s links to its predecessor", i).isEqualTo(prev);
            List<byte[]> leaves = new ArrayList<>();
            for (int shard = 0; shard < anchor.shardCount(); shard++) {
                leaves.add(hasher.shardHeadLeafHash(shard, anchor.shardSizes()[shard], anchor.head(shard).headHash()));
            }
            assertThat(Arrays.equals(MerkleTree.root(leaves), anchor.merkleRoot())).as("root of anchor %s", i).isTrue();
            assertThat(hasher.anchorHash(anchor.sequence(), anchor.anchoredAtMicros(), anchor.shardCount(), anchor.merkleRoot(),
                    anchor.prevAnchorHash())).isEqualTo(anchor.anchorHash());
            prev = anchor.anchorHash();
        }
    }
}
