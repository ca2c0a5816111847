package io.certeus.pipeline.verify;

import com.hazelcast.client.test.TestHazelcastFactory;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.test.HazelcastTestSupport;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.grid.MapNames;
import io.certeus.pipeline.PipelineSettings;
import io.certeus.testing.TestChains;
import io.certeus.testing.TestGrids;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verification job on a 2-member grid with 1000 partitions: chains of several shards and two
 * anchors (one mid-way, one at the heads) written straight into the maps, then verified by the job.
 */
class VerificationJobIT {
    private static final int MEMBERS = 2;
    /** Entries per chain; the last shard holds a single entry so a test can remove the whole shard. */
    private static final int[] CHAIN_LENGTHS = {120, 80, 60, 39, 1};
    private static final int ENTRIES = 300;
    private static final long BASE_MICROS = 1_700_000_000_000_000L;

    private static TestHazelcastFactory factory;
    private static HazelcastInstance member;
    private static final List<List<LedgerEntry>> CHAINS = new ArrayList<>();
    private static final List<Anchor> ANCHORS = new ArrayList<>();

    @BeforeAll
    static void startGridAndBuildLedger() {
        factory = new TestHazelcastFactory();
        String cluster = TestGrids.uniqueClusterName("verification-it");
        List<HazelcastInstance> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            Config config = TestGrids.memberConfigWithoutPersistence(cluster);
            config.setProperty("hazelcast.partition.count", "1000");
            config.setProperty(PipelineSettings.AUTOSTART, "false");
            members.add(factory.newHazelcastInstance(config));
        }
        HazelcastTestSupport.waitAllForSafeState(members);
        member = members.get(0);
        buildChainsAndAnchors();
    }

    @AfterAll
    static void stopGrid() {
        factory.terminateAll();
    }

    @BeforeEach
    void writeIntactLedger() {
        IMap<LedgerKey, LedgerEntry> ledger = member.getMap(MapNames.LEDGER);
        IMap<Long, Anchor> anchors = member.getMap(MapNames.ANCHORS);
        ledger.clear();
        anchors.clear();
        Map<LedgerKey, LedgerEntry> rows = new HashMap<>();
        for (List<LedgerEntry> chain : CHAINS) {
            for (LedgerEntry row : chain) {
                rows.put(new LedgerKey(row.shard(), row.position()), row);
            }
        }
        ledger.putAll(rows);
        for (Anchor anchor : ANCHORS) {
            anchors.put(anchor.sequence(), anchor);
        }
        assertThat(ledger.size()).isEqualTo(ENTRIES);
    }

    @Test
    @Timeout(120)
    void intactLedgerVerifiesEveryEntryAndAnchor() {
        VerificationResult result = VerificationJob.run(member);

        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(ENTRIES);
        assertThat(result.anchorsChecked()).isEqualTo(ANCHORS.size());
        for (List<LedgerEntry> chain : CHAINS) {
            int shard = chain.get(0).shard();
            assertThat(result.shardLength(shard)).as("verified length of shard %s", shard).isEqualTo(chain.size());
        }
    }

    @Test
    @Timeout(120)
    void changedPayloadUnderTheOldHashIsReportedWithShardPositionAndField() {
        LedgerEntry original = CHAINS.get(1).get(50);
        Event event = original.event();
        Event changed = new Event(event.eventId(), event.caseId(), event.type(), event.actor(), event.sourceIp(),
                event.documentHash(), "{\"n\":-1}".getBytes(StandardCharsets.UTF_8), event.occurredAtMicros(),
                event.ingestedAtMicros());
        IMap<LedgerKey, LedgerEntry> ledger = member.getMap(MapNames.LEDGER);
        ledger.set(new LedgerKey(original.shard(), original.position()),
                new LedgerEntry(changed, original.shard(), original.position(), original.prevHash(), original.hash()));

        VerificationResult result = VerificationJob.run(member);

        assertThat(result.ok()).as("a changed payload must not verify").isFalse();
        VerificationFailure failure = result.failure();
        assertThat(failure.shard()).as(failure.toString()).isEqualTo(original.shard());
        assertThat(failure.position()).as(failure.toString()).isEqualTo(original.position());
        assertThat(failure.field()).as(failure.toString()).isEqualTo("hash");
    }

    @Test
    @Timeout(120)
    void anchoredShardMissingFromTheLedgerIsReportedAsAnchorShardSizes() {
        LedgerEntry only = CHAINS.get(CHAINS.size() - 1).get(0);
        IMap<LedgerKey, LedgerEntry> ledger = member.getMap(MapNames.LEDGER);
        ledger.delete(new LedgerKey(only.shard(), only.position()));

        VerificationResult result = VerificationJob.run(member);

        assertThat(result.ok()).as("an anchored head without its entry must not verify").isFalse();
        VerificationFailure failure = result.failure();
        assertThat(failure.shard()).as(failure.toString()).isEqualTo(only.shard());
        assertThat(failure.field()).as(failure.toString()).isEqualTo("shardSizes");
        assertThat(failure.anchorSequence()).as(failure.toString()).isEqualTo(ANCHORS.get(1).sequence());
        assertThat(result.entriesChecked()).isEqualTo(ENTRIES - 1);
    }

    /** One chain per entry of {@link #CHAIN_LENGTHS}, each in its own shard; anchor 0 at half the lengths, anchor 1 at the heads. */
    private static void buildChainsAndAnchors() {
        Map<Integer, String> caseOfShard = new LinkedHashMap<>();
        for (int i = 0; caseOfShard.size() < CHAIN_LENGTHS.length; i++) {
            String caseId = String.format("VER-%06d", i);
            caseOfShard.putIfAbsent(Shards.shardOf(caseId), caseId);
        }
        long n = 0;
        int chainIndex = 0;
        for (Map.Entry<Integer, String> shardCase : caseOfShard.entrySet()) {
            long first = n;
            CHAINS.add(TestChains.chain(shardCase.getKey(), CHAIN_LENGTHS[chainIndex],
                    position -> event(first + position, shardCase.getValue())));
            n += CHAIN_LENGTHS[chainIndex];
            chainIndex++;
        }
        assertThat(n).isEqualTo(ENTRIES);
        Anchor halfway = TestChains.anchorOverPrefixes(0, BASE_MICROS, Hashes.ZERO_HASH, CHAINS, chain -> chain.size() / 2);
        ANCHORS.add(halfway);
        ANCHORS.add(TestChains.anchorOverPrefixes(1, BASE_MICROS + 1, halfway.anchorHash(), CHAINS, List::size));
    }

    private static Event event(long n, String caseId) {
        byte[] payload = ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
        return new Event(new UUID(0x0190_0000_0000_7000L | (n << 16), 0x8000_0000_0000_0000L | 7), caseId, "CASE_UPDATED",
                "clerk", null, null, payload, BASE_MICROS + n, BASE_MICROS + n + 1);
    }
}
