package io.certeus.client;

import com.hazelcast.client.test.TestHazelcastFactory;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.certeus.core.MapNames;
import io.certeus.core.archive.LedgerArchive;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventBatch;
import io.certeus.core.model.EventType;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.Receipt;
import io.certeus.core.proof.InclusionProof;
import io.certeus.core.shard.IngestKey;
import io.certeus.core.shard.IngestLanes;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.core.validation.InvalidEventException;
import io.certeus.core.validation.RejectReason;
import io.certeus.core.verify.ProofVerifier;
import io.certeus.testing.TestChains;
import io.certeus.testing.TestGrids;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.certeus.testing.TestEvents.eventIdsIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client API against a real member; ledger entries and anchors are written directly, standing in for the pipeline. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CerteusClientIT {
    private static final String CASE = "ARC-000042";
    private static final int SHARD = Shards.shardOf(CASE);

    private static TestHazelcastFactory factory;
    private static HazelcastInstance member;
    private static CerteusClient certeus;
    private static List<LedgerEntry> chain;

    /** Plays PostgreSQL: holds positions 0 and 1 of the case, which the grid no longer has. */
    private static final class ArchivedStart implements LedgerArchive {
        @Override
        public List<LedgerEntry> caseHistory(int shard, String caseId) {
            return shard == SHARD && caseId.equals(CASE) ? chain.subList(0, 2) : List.of();
        }
    }

    @BeforeAll
    static void start() {
        String cluster = TestGrids.uniqueClusterName("client");
        factory = new TestHazelcastFactory();
        Config config = TestGrids.memberConfigWithoutPersistence(cluster);
        config.getUserContext().put(LedgerArchive.USER_CONTEXT_KEY, new ArchivedStart());
        member = factory.newHazelcastInstance(config);
        certeus = CerteusClient.using(factory.newHazelcastClient(TestGrids.clientConfig(cluster)),
                ClientSettings.builder().receiptTimeoutMs(2_000).build());
        chain = buildChain(4);
    }

    @AfterAll
    static void stop() {
        if (certeus != null) {
            certeus.close();
        }
        factory.shutdownAll();
    }

    private static List<LedgerEntry> buildChain(int length) {
        return TestChains.chain(SHARD, length, position -> EventBuilder.event(CASE, EventType.CASE_UPDATED).actor("clerk")
                .payload("{\"step\":" + position + "}").occurredAt(Instant.parse("2026-03-01T10:00:00Z").plusSeconds(position))
                .build().withIngestedAtMicros(1_772_359_200_000_000L + position));
    }

    @Test
    void appendStoresTheEventInABatchOnItsLanePartitionStampedByTheOwner() throws Exception {
        Event event = EventBuilder.event("ABC-123456", EventType.CASE_CREATED).actor("clerk@court.example")
                .payload("{\"title\":\"Smith v. Jones\"}").build();
        certeus.append(event).get(30, TimeUnit.SECONDS);

        IMap<IngestKey, EventBatch> ingest = member.getMap(MapNames.INGEST);
        int lane = IngestLanes.laneOf(Shards.shardOf("ABC-123456"));
        Map.Entry<IngestKey, EventBatch> stored = ingest.entrySet().stream()
                .filter(e -> containsEvent(e.getValue(), event.eventId())).findFirst().orElseThrow();
        assertThat(stored.getKey().lane()).isEqualTo(lane);
        assertThat(member.getPartitionService().getPartition(stored.getKey()).getPartitionId()).isEqualTo(lane);
        Event ingested = stored.getValue().events().get(0);
        assertThat(ingested.payload()).isEqualTo(event.payload());
        assertThat(ingested.isIngested()).as("the owner stamped ingestedAt").isTrue();
    }

    private static boolean containsEvent(EventBatch batch, UUID eventId) {
        return batch.events().stream().anyMatch(e -> e.eventId().equals(eventId));
    }


    @Test
    void appendAllSendsEveryEvent() throws Exception {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            events.add(EventBuilder.event(String.format("BLK-%06d", i % 300), EventType.BUNDLE_SUBMITTED).actor("bulk")
                    .payload("{\"i\":" + i + "}").build());
        }
        certeus.appendAll(events).get(60, TimeUnit.SECONDS);
        Set<UUID> stored = eventIdsIn(member.getMap(MapNames.INGEST));
        assertThat(stored).containsAll(events.stream().map(Event::eventId).collect(Collectors.toList()));
        assertThat(member.getMap(MapNames.INGEST).size()).as("packed: fewer entries than events").isLessThan(events.size());
    }

    @Test
    void refusesInvalidEventsBeforeSendingWithTheSpecificRule() {
        Event badCase = EventBuilder.event("abc-1", EventType.CASE_CREATED).actor("clerk").build();
        assertThatThrownBy(() -> certeus.append(badCase))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("caseId must match ^[A-Z]{3}-[0-9]{6}$: caseId=\"abc-1\"");

        List<Event> batch = List.of(
                EventBuilder.event("ABC-000001", EventType.CASE_CREATED).actor("clerk").build(),
                EventBuilder.event("ABC-000001", "CASE_ERASED").actor("clerk").build());
        assertThatThrownBy(() -> certeus.appendAll(batch))
                .isInstanceOf(InvalidEventException.class)
                .satisfies(e -> assertThat(((InvalidEventException) e).reason()).isEqualTo(RejectReason.UNKNOWN_TYPE))
                .hasMessageEndingWith("index=1");
        assertThat(eventIdsIn(member.getMap(MapNames.INGEST))).as("nothing of an invalid batch is sent").doesNotContain(batch.get(0).eventId());
    }

    @Test
    void receiptCompletesWhenTheEventIsChainedAndTimesOutOtherwise() throws Exception {
        UUID missing = UUID.randomUUID();
        assertThatThrownBy(() -> certeus.receipt(missing).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(CerteusTimeoutException.class).hasMessageContaining("eventId=" + missing);

        LedgerEntry entry = chain.get(2);
        var pending = certeus.receipt(entry.event().eventId());
        member.getMap(MapNames.LEDGER).put(new LedgerKey(SHARD, 2), entry); // the receipt is read from the entry
        Receipt receipt = pending.get(10, TimeUnit.SECONDS);
        assertThat(receipt.shard()).isEqualTo(SHARD);
        assertThat(receipt.position()).isEqualTo(2);
    }

    @Test
    void historyMergesTheArchiveWithWhatTheGridHoldsInPositionOrder() {
        IMap<LedgerKey, LedgerEntry> ledger = member.getMap(MapNames.LEDGER);
        ledger.put(new LedgerKey(SHARD, 3), chain.get(3));
        ledger.put(new LedgerKey(SHARD, 2), chain.get(2));
        // another case on another shard must not show up
        LedgerEntry other = new LedgerEntry(EventBuilder.event("ZZZ-999999", EventType.CASE_CREATED).actor("x").build()
                .withIngestedAtMicros(1), Shards.shardOf("ZZZ-999999"), 0, Hashes.ZERO_HASH, Hashes.sha256(new byte[1]));
        ledger.put(new LedgerKey(other.shard(), 0), other);

        List<LedgerEntry> history = certeus.history(CASE);
        assertThat(history).extracting(LedgerEntry::position).containsExactly(0L, 1L, 2L, 3L);
        assertThat(history).containsExactlyElementsOf(chain);
    }

    @Test
    void proofOfAnAnchoredEventVerifiesOffline() {
        IMap<LedgerKey, LedgerEntry> ledger = member.getMap(MapNames.LEDGER);
        for (LedgerEntry entry : chain) {
            ledger.put(new LedgerKey(SHARD, entry.position()), entry);
        }
        LedgerEntry proven = chain.get(1);
        Anchor first = TestChains.anchorOver(0, 1_772_359_300_000_000L, Hashes.ZERO_HASH, List.of());
        Anchor second = TestChains.anchorOver(1, 1_772_359_301_000_000L, first.anchorHash(), List.of(TestChains.head(chain)));
        member.getMap(MapNames.ANCHORS).put(0L, first);
        member.getMap(MapNames.ANCHORS).put(1L, second);

        InclusionProof proof = certeus.proof(proven.event().eventId());
        assertThat(proof.anchorSequence()).isEqualTo(1);
        assertThat(proof.segment()).containsExactlyElementsOf(chain.subList(1, 4));
        assertThat(new ProofVerifier().verifyAgainst(proof, second.anchorHash()).anchored()).isTrue();
    }
}
