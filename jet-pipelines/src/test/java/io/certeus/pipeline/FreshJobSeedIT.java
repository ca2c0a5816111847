package io.certeus.pipeline;

import com.hazelcast.client.test.TestHazelcastFactory;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.map.IMap;
import com.hazelcast.test.HazelcastTestSupport;
import io.certeus.core.MapNames;
import io.certeus.core.archive.LedgerArchive;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventBatch;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.RejectedEvent;
import io.certeus.core.model.ShardHead;
import io.certeus.core.shard.IngestBatches;
import io.certeus.core.shard.IngestKey;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.core.verify.LedgerVerifier;
import io.certeus.core.verify.VerificationResult;
import io.certeus.testing.GridLedgerVerification;
import io.certeus.testing.TestChains;
import io.certeus.testing.TestGrids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static com.hazelcast.test.HazelcastTestSupport.assertTrueEventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh ledger job (no snapshot) on a 2-member grid with 1000 partitions continues a ledger that
 * already exists: from the ledger and anchors maps (job resubmitted on a live grid), or from the
 * member's {@link LedgerArchive} while the maps are empty (full-grid restart).
 */
class FreshJobSeedIT {
    private static final int MEMBERS = 2;
    /** Existing entries of three shards; a fourth shard starts empty. */
    private static final int[] PREFIX_LENGTHS = {5, 3, 1};
    private static final int NEW_PER_SHARD = 2;
    private static final long BASE_MICROS = 1_700_000_000_000_000L;

    private final String[] caseOfChain = new String[PREFIX_LENGTHS.length + 1];
    private final int[] shardOfChain = new int[PREFIX_LENGTHS.length + 1];
    private final List<List<LedgerEntry>> prefixes = new ArrayList<>();
    private final List<Anchor> prefixAnchors = new ArrayList<>();

    private TestHazelcastFactory factory;
    private List<HazelcastInstance> members;

    @BeforeEach
    void buildPrefix() {
        for (int i = 0, found = 0; found < caseOfChain.length; i++) {
            String caseId = String.format("SED-%06d", i);
            int shard = Shards.shardOf(caseId);
            boolean taken = false;
            for (int j = 0; j < found; j++) {
                taken |= shardOfChain[j] == shard;
            }
            if (!taken) {
                caseOfChain[found] = caseId;
                shardOfChain[found] = shard;
                found++;
            }
        }
        long n = 0;
        for (int chain = 0; chain < PREFIX_LENGTHS.length; chain++) {
            long first = n;
            String caseId = caseOfChain[chain];
            prefixes.add(TestChains.chain(shardOfChain[chain], PREFIX_LENGTHS[chain], position -> event(first + position, caseId)));
            n += PREFIX_LENGTHS[chain];
        }
        Anchor halfway = TestChains.anchorOverPrefixes(0, BASE_MICROS, Hashes.ZERO_HASH, prefixes, prefix -> prefix.size() / 2);
        prefixAnchors.add(halfway);
        prefixAnchors.add(TestChains.anchorOverPrefixes(1, BASE_MICROS + 1, halfway.anchorHash(), prefixes, List::size));
    }

    @AfterEach
    void stopGrid() {
        if (factory != null) {
            factory.terminateAll();
        }
    }

    @Test
    @Timeout(180)
    void freshJobContinuesChainsAndAnchorsHeldInTheMaps() {
        startGrid(null);
        HazelcastInstance member = members.get(0);
        IMap<LedgerKey, LedgerEntry> ledger = member.getMap(MapNames.LEDGER);
        IMap<Long, Anchor> anchors = member.getMap(MapNames.ANCHORS);
        Map<LedgerKey, LedgerEntry> rows = new HashMap<>();
        prefixes.forEach(prefix -> prefix.forEach(e -> rows.put(new LedgerKey(e.shard(), e.position()), e)));
        ledger.putAll(rows);
        prefixAnchors.forEach(a -> anchors.put(a.sequence(), a));

        LedgerJobs.startIfAbsent(member, settings());
        List<Event> appended = appendNewEvents(member);

        assertTrueEventually(() -> assertThat(ledger.size()).isEqualTo(rows.size() + appended.size()), 120);
        assertNothingRejected(member);
        assertContinuesPrefixes(ledger);
        Anchor next = awaitAnchorCoveringAllChains(anchors);
        Anchor continued = anchors.get(2L);
        assertThat(continued).as("the anchor after the existing ones").isNotNull();
        assertThat(continued.prevAnchorHash()).as("anchor 2 links to the newest existing anchor")
                .isEqualTo(prefixAnchors.get(1).anchorHash());
        assertThat(next.sequence()).isGreaterThanOrEqualTo(2);
        VerificationResult result = GridLedgerVerification.verify(member, 64);
        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(rows.size() + appended.size());
    }

    @Test
    @Timeout(180)
    void freshJobContinuesChainsAndAnchorsHeldOnlyInTheArchiveWhenTheMapsAreEmpty() {
        // Full-grid restart: nothing in memory, the archive (PostgreSQL in production) holds the ledger.
        LedgerArchive archive = new FixedArchive(prefixes, prefixAnchors.get(1));
        startGrid(archive);
        HazelcastInstance member = members.get(0);

        LedgerJobs.startIfAbsent(member, settings());
        List<Event> appended = appendNewEvents(member);

        IMap<LedgerKey, LedgerEntry> ledger = member.getMap(MapNames.LEDGER);
        IMap<Long, Anchor> anchors = member.getMap(MapNames.ANCHORS);
        assertTrueEventually(() -> assertThat(ledger.size()).isEqualTo(appended.size()), 120);
        assertNothingRejected(member);
        assertContinuesPrefixes(ledger);
        awaitAnchorCoveringAllChains(anchors);
        assertThat(anchors.containsKey(0L)).as("no anchor chain restarted at sequence 0").isFalse();
        assertThat(anchors.containsKey(1L)).as("the archived anchor is not rewritten").isFalse();
        assertThat(anchors.get(2L).prevAnchorHash()).isEqualTo(prefixAnchors.get(1).anchorHash());

        List<Anchor> allAnchors = new ArrayList<>(prefixAnchors);
        allAnchors.addAll(anchors.values());
        List<LedgerEntry> allEntries = new ArrayList<>();
        prefixes.forEach(allEntries::addAll);
        allEntries.addAll(ledger.values());
        allEntries.sort(Comparator.comparingInt(LedgerEntry::shard).thenComparingLong(LedgerEntry::position));
        LedgerVerifier verifier = new LedgerVerifier(allAnchors);
        allEntries.forEach(verifier::accept);
        VerificationResult result = verifier.finish();
        assertThat(result.ok()).as(result.toString()).isTrue();
    }

    @Test
    @Timeout(180)
    void aJobSubmittedFromAClientIsSeededFromTheMembersArchive() {
        // As `certeus submit` or `hz-cli submit` after a full-grid restart: the client cannot read the
        // archive, so a member seeds and starts the job for it.
        startGrid(new FixedArchive(prefixes, prefixAnchors.get(1)));
        HazelcastInstance client = factory.newHazelcastClient(TestGrids.clientConfig(members.get(0).getConfig().getClusterName()));

        Job job = LedgerJobs.startIfAbsent(client, settings());
        assertThat(job).isNotNull();
        assertThat(members.get(0).getJet().getJob(MapNames.LEDGER_JOB).getId()).isEqualTo(job.getId());
        List<Event> appended = appendNewEvents(members.get(0));

        IMap<LedgerKey, LedgerEntry> ledger = members.get(0).getMap(MapNames.LEDGER);
        assertTrueEventually(() -> assertThat(ledger.size()).isEqualTo(appended.size()), 120);
        assertContinuesPrefixes(ledger);
        assertThat(LedgerJobs.startIfAbsent(client, settings()).getId()).as("never started twice").isEqualTo(job.getId());
    }

    private void startGrid(LedgerArchive archive) {
        factory = new TestHazelcastFactory();
        members = new ArrayList<>();
        String cluster = TestGrids.uniqueClusterName("fresh-job-seed-it");
        for (int i = 0; i < MEMBERS; i++) {
            Config config = TestGrids.memberConfigWithoutPersistence(cluster);
            config.setProperty("hazelcast.partition.count", "1000");
            config.setProperty(PipelineSettings.AUTOSTART, "false");
            if (archive != null) {
                ConcurrentMap<String, Object> userContext = new ConcurrentHashMap<>();
                userContext.put(LedgerArchive.USER_CONTEXT_KEY, archive);
                config.setUserContext(userContext);
            }
            members.add(factory.newHazelcastInstance(config));
        }
        HazelcastTestSupport.waitAllForSafeState(members);
    }

    private static PipelineSettings settings() {
        return PipelineSettings.builder().autostart(false).snapshotIntervalMs(1_000).anchorIntervalMs(200).build();
    }

    /** {@value #NEW_PER_SHARD} new events for every chain, the empty fourth shard included, in order per shard. */
    private List<Event> appendNewEvents(HazelcastInstance member) {
        IMap<IngestKey, EventBatch> ingest = member.getMap(MapNames.INGEST);
        List<Event> appended = new ArrayList<>();
        for (int round = 0; round < NEW_PER_SHARD; round++) {
            List<Event> batch = new ArrayList<>();
            for (int chain = 0; chain < caseOfChain.length; chain++) {
                Event event = event(10_000 + round * 100L + chain, caseOfChain[chain]);
                batch.add(event);
                appended.add(event);
            }
            ingest.putAll(IngestBatches.entries(batch));
        }
        return appended;
    }

    private static void assertNothingRejected(HazelcastInstance member) {
        IMap<UUID, RejectedEvent> rejected = member.getMap(MapNames.REJECTED);
        assertThat(rejected.values()).as("test events must be valid").isEmpty();
    }

    /** New entries sit at prefix length, prefix length + 1, ... and link to the prefix head. */
    private void assertContinuesPrefixes(IMap<LedgerKey, LedgerEntry> ledger) {
        for (int chain = 0; chain < caseOfChain.length; chain++) {
            int shard = shardOfChain[chain];
            int prefixLength = chain < PREFIX_LENGTHS.length ? PREFIX_LENGTHS[chain] : 0;
            byte[] prev = prefixLength == 0 ? Hashes.ZERO_HASH : prefixes.get(chain).get(prefixLength - 1).hash();
            for (int i = 0; i < NEW_PER_SHARD; i++) {
                LedgerEntry entry = ledger.get(new LedgerKey(shard, prefixLength + i));
                assertThat(entry).as("new entry %s of shard %s at position %s", i, shard, prefixLength + i).isNotNull();
                assertThat(entry.event().caseId()).isEqualTo(caseOfChain[chain]);
                assertThat(entry.prevHash()).as("prevHash of shard %s position %s", shard, entry.position()).isEqualTo(prev);
                prev = entry.hash();
            }
            assertThat(ledger.containsKey(new LedgerKey(shard, prefixLength + NEW_PER_SHARD)))
                    .as("nothing beyond the new entries in shard %s", shard).isFalse();
        }
    }

    /** Waits for an anchor whose heads include every new entry and returns it. */
    private Anchor awaitAnchorCoveringAllChains(IMap<Long, Anchor> anchors) {
        Anchor[] covering = new Anchor[1];
        assertTrueEventually(() -> {
            Anchor newest = anchors.values().stream().max(Comparator.comparingLong(Anchor::sequence)).orElse(null);
            assertThat(newest).isNotNull();
            for (int chain = 0; chain < caseOfChain.length; chain++) {
                long prefixLength = chain < PREFIX_LENGTHS.length ? PREFIX_LENGTHS[chain] : 0;
                assertThat(newest.shardSizes()[shardOfChain[chain]]).isEqualTo(prefixLength + NEW_PER_SHARD);
            }
            covering[0] = newest;
        }, 60);
        return covering[0];
    }

    private static Event event(long n, String caseId) {
        byte[] payload = ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
        return new Event(new UUID(0x0190_0000_0000_7000L | (n << 16), 0x8000_0000_0000_0000L | 9), caseId, "CASE_UPDATED",
                "clerk", null, null, payload, BASE_MICROS + n, BASE_MICROS + n + 1);
    }

    /** An archive holding fixed chains and one newest anchor. Thread-safe: immutable. */
    private static final class FixedArchive implements LedgerArchive {
        private final List<ShardHead> heads = new ArrayList<>();
        private final Anchor newest;

        FixedArchive(List<List<LedgerEntry>> chains, Anchor newest) {
            for (List<LedgerEntry> chain : chains) {
                LedgerEntry head = chain.get(chain.size() - 1);
                heads.add(new ShardHead(head.shard(), head.position() + 1, head.hash()));
            }
            this.newest = newest;
        }

        @Override
        public List<LedgerEntry> caseHistory(int shard, String caseId) {
            return List.of();
        }

        @Override
        public List<ShardHead> shardHeads() {
            return List.copyOf(heads);
        }

        @Override
        public Anchor newestAnchor() {
            return newest;
        }
    }
}
