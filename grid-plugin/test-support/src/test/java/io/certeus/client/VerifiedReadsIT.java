package io.certeus.client;

import com.hazelcast.client.test.TestHazelcastFactory;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.certeus.core.MapNames;
import io.certeus.core.hash.Hashes;
import io.certeus.core.merkle.AnchorCalculator;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventType;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.ShardHead;
import io.certeus.core.proof.InclusionProof;
import io.certeus.core.proof.ProofBuilder;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.testing.TestChains;
import io.certeus.testing.TestGrids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link VerifiedReads} against a real member: ledger entries and anchors are written directly to the
 * maps, standing in for the pipeline, so a test can also write what an attacker on the cluster network
 * would (a forged anchor, a changed entry) and check the client refuses it, naming the field.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VerifiedReadsIT {
    private static final String CASE = "VRF-000001";
    private static final int SHARD = Shards.shardOf(CASE);
    /** A case in another shard, anchored once and never growing: its head must repeat in every anchor. */
    private static final String STILL_CASE = "STL-000002";
    private static final int STILL_SHARD = Shards.shardOf(STILL_CASE);

    private TestHazelcastFactory factory;
    private HazelcastInstance member;
    private CerteusClient certeus;
    private IMap<LedgerKey, LedgerEntry> ledger;
    private IMap<Long, Anchor> anchors;
    private List<LedgerEntry> chain;
    private ShardHead still;
    /** Anchors 0 to 2 over 2, 4 and 5 entries of {@link #chain}; its sixth entry is chained after them. */
    private Anchor a0;
    private Anchor a1;
    private Anchor a2;

    @BeforeEach
    void start() {
        String cluster = TestGrids.uniqueClusterName("verified");
        factory = new TestHazelcastFactory();
        member = factory.newHazelcastInstance(TestGrids.memberConfigWithoutPersistence(cluster));
        certeus = CerteusClient.using(factory.newHazelcastClient(TestGrids.clientConfig(cluster)),
                ClientSettings.builder().receiptTimeoutMs(2_000).build());
        ledger = member.getMap(MapNames.LEDGER);
        anchors = member.getMap(MapNames.ANCHORS);
        chain = TestChains.chain(SHARD, 6, position -> event(CASE, position));
        List<LedgerEntry> stillChain = TestChains.chain(STILL_SHARD, 1, position -> event(STILL_CASE, position));
        still = TestChains.head(stillChain);
        a0 = TestChains.anchorOver(0, 1_000, Hashes.ZERO_HASH, List.of(TestChains.headAfter(chain, 2), still));
        a1 = TestChains.anchorOver(1, 2_000, a0.anchorHash(), List.of(TestChains.headAfter(chain, 4), still));
        a2 = TestChains.anchorOver(2, 3_000, a1.anchorHash(), List.of(TestChains.headAfter(chain, 5), still));
        for (LedgerEntry entry : chain) {
            ledger.put(new LedgerKey(SHARD, entry.position()), entry);
        }
        ledger.put(new LedgerKey(STILL_SHARD, 0), stillChain.get(0));
    }

    @AfterEach
    void stop() {
        if (certeus != null) {
            certeus.close();
        }
        factory.shutdownAll();
    }

    private static Event event(String caseId, long position) {
        return EventBuilder.event(caseId, EventType.CASE_UPDATED).actor("clerk").payload("{\"step\":" + position + "}")
                .occurredAt(Instant.parse("2026-03-01T10:00:00Z").plusSeconds(position)).build()
                .withIngestedAtMicros(1_772_359_200_000_000L + position);
    }

    private void putAnchors(Anchor... list) {
        for (Anchor anchor : list) {
            anchors.put(anchor.sequence(), anchor);
        }
    }

    private UUID eventIdAt(int position) {
        return chain.get(position).event().eventId();
    }

    @Test
    void verifiedReceiptAndHistoryPassFromTheFirstAnchorAndTheTrustedAnchorAdvances() {
        putAnchors(a0, a1, a2);
        VerifiedReads reads = certeus.verifiedReads(TrustedAnchor.of(0, a0.anchorHash()));
        assertThat(reads.trusted()).isEqualTo(TrustedAnchor.of(0, a0.anchorHash()));

        VerifiedReceipt receipt = reads.receipt(eventIdAt(1));
        assertThat(receipt.receipt().position()).isEqualTo(1);
        assertThat(receipt.verifiedAgainst()).as("proven against the newest anchor").isEqualTo(TrustedAnchor.of(2, a2.anchorHash()));
        assertThat(reads.trusted()).as("advanced to the newest, checked").isEqualTo(TrustedAnchor.of(2, a2.anchorHash()));

        VerifiedHistory history = reads.history(CASE);
        assertThat(history.entries()).extracting(entry -> entry.entry().position()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(history.entries()).extracting(VerifiedHistory.Entry::anchored).containsExactly(true, true, true, true, true, false);
        assertThat(history.unanchoredCount()).as("chained after the newest anchor: listed, not trusted").isEqualTo(1);
        assertThat(history.verifiedAgainst().sequence()).isEqualTo(2);

        assertThatThrownBy(() -> reads.receipt(eventIdAt(5)))
                .as("not anchored yet: a timeout, not a verification failure").isInstanceOf(CerteusTimeoutException.class);
        Anchor a3 = TestChains.anchorOver(3, 4_000, a2.anchorHash(), List.of(TestChains.head(chain), still));
        putAnchors(a3);
        assertThat(reads.receipt(eventIdAt(5)).verifiedAgainst()).isEqualTo(TrustedAnchor.of(3, a3.anchorHash()));
        assertThat(reads.history(CASE).allAnchored()).isTrue();

        VerifiedReads restarted = certeus.verifiedReads(reads.trusted());
        assertThat(restarted.trusted()).as("the stored state starts a new client").isEqualTo(TrustedAnchor.of(3, a3.anchorHash()));
    }

    @Test
    void forgedAnchorsAreRefusedNamingTheFieldAndTheTrustedAnchorStays() {
        putAnchors(a0, a1);
        VerifiedReads reads = certeus.verifiedReads(TrustedAnchor.of(0, a0.anchorHash()));
        assertThat(reads.advanceToNewest().sequence()).isEqualTo(1);
        TrustedAnchor held = reads.trusted();
        AnchorCalculator calculator = new AnchorCalculator();

        Anchor unlinked = calculator.anchor(2, 3_000, a2.shardSizes(), a2.headHashes(), Hashes.sha256(new byte[] {1}));
        assertRefused(reads, unlinked, "prevAnchorHash", -1);

        Anchor backwards = TestChains.anchorOver(2, 3_000, a1.anchorHash(), List.of(TestChains.headAfter(chain, 3), still));
        assertRefused(reads, backwards, "shardSizes", SHARD);

        ShardHead otherStill = new ShardHead(STILL_SHARD, still.size(), Hashes.sha256(new byte[] {2}));
        Anchor swappedHead = TestChains.anchorOver(2, 3_000, a1.anchorHash(), List.of(TestChains.headAfter(chain, 5), otherStill));
        assertRefused(reads, swappedHead, "headHashes", STILL_SHARD);

        long[] grown = a2.shardSizes().clone();
        grown[SHARD] = 6; // heads changed after the root and hash were computed
        Anchor rootless = new Anchor(2, a2.anchoredAtMicros(), a2.merkleRoot(), a2.prevAnchorHash(), a2.anchorHash(), grown,
                a2.headHashes());
        assertRefused(reads, rootless, "merkleRoot", -1);

        assertThat(reads.trusted()).as("no forged anchor was taken").isEqualTo(held);
        anchors.put(2L, rootless);
        assertThatThrownBy(() -> reads.receipt(eventIdAt(4))).as("the receipt needs the forged anchor")
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.field()).isEqualTo("merkleRoot"));
        anchors.put(2L, a2);
        assertThat(reads.receipt(eventIdAt(4)).verifiedAgainst().sequence()).as("the real anchor is taken").isEqualTo(2);
    }

    private void assertRefused(VerifiedReads reads, Anchor forged, String field, int shard) {
        TrustedAnchor before = reads.trusted();
        anchors.put(forged.sequence(), forged);
        assertThatThrownBy(reads::advanceToNewest)
                .isInstanceOfSatisfying(VerificationException.class, e -> {
                    assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
                    assertThat(e.anchorSequence()).isEqualTo(forged.sequence());
                    assertThat(e.shard()).isEqualTo(shard);
                    assertThat(e.isRetryable()).isFalse();
                });
        assertThat(reads.trusted()).isEqualTo(before);
    }

    @Test
    void aProofAgainstAnAnchorOlderThanTheTrustedOneVerifiesByWalkingBack() {
        putAnchors(a0);
        InclusionProof old = certeus.proof(eventIdAt(1));
        assertThat(old.anchorSequence()).isEqualTo(0);
        putAnchors(a1, a2);
        VerifiedReads reads = certeus.verifiedReads(TrustedAnchor.of(2, a2.anchorHash()));

        assertThat(reads.verify(old)).isEqualTo(TrustedAnchor.of(0, a0.anchorHash()));

        Anchor otherA0 = TestChains.anchorOver(0, 1_001, Hashes.ZERO_HASH, List.of(TestChains.headAfter(chain, 2), still));
        InclusionProof forged = new ProofBuilder().build(otherA0, chain.subList(0, 2));
        assertThatThrownBy(() -> reads.verify(forged)).as("a proof against another anchor 0")
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.field()).isEqualTo("anchorHash"));

        Anchor otherA1 = TestChains.anchorOver(1, 2_001, a0.anchorHash(), List.of(TestChains.headAfter(chain, 4), still));
        anchors.put(1L, otherA1);
        assertThatThrownBy(() -> reads.verify(old)).as("anchor 1 is not the one anchor 2 links to")
                .isInstanceOfSatisfying(VerificationException.class, e -> {
                    assertThat(e.field()).isEqualTo("anchorHash");
                    assertThat(e.anchorSequence()).isEqualTo(1);
                });
    }

    @Test
    void aChangedPayloadInTheLedgerMapFailsTheVerifiedReceiptAndHistory() {
        putAnchors(a0, a1, a2);
        VerifiedReads reads = certeus.verifiedReads(TrustedAnchor.of(0, a0.anchorHash()));
        LedgerEntry victim = chain.get(2);
        Event e = victim.event();
        Event changed = new Event(e.eventId(), e.caseId(), e.type(), e.actor(), e.sourceIp(), e.documentHash(),
                "{\"step\":99}".getBytes(StandardCharsets.UTF_8), e.occurredAtMicros(), e.ingestedAtMicros());
        ledger.put(new LedgerKey(SHARD, 2), new LedgerEntry(changed, SHARD, 2, victim.prevHash(), victim.hash()));

        assertThatThrownBy(() -> reads.receipt(eventIdAt(2)))
                .isInstanceOfSatisfying(VerificationException.class, ex -> {
                    assertThat(ex.field()).as(ex.getMessage()).isEqualTo("hash");
                    assertThat(ex.shard()).isEqualTo(SHARD);
                    assertThat(ex.position()).isEqualTo(2);
                });
        assertThatThrownBy(() -> reads.receipt(eventIdAt(1))).as("a later entry of the proven one's segment")
                .isInstanceOfSatisfying(VerificationException.class, ex -> assertThat(ex.position()).isEqualTo(2));
        assertThatThrownBy(() -> reads.history(CASE))
                .isInstanceOfSatisfying(VerificationException.class, ex -> assertThat(ex.field()).isEqualTo("hash"));
        assertThat(reads.receipt(eventIdAt(3)).receipt().position()).as("entries after it still verify").isEqualTo(3);
    }

    @Test
    void aStartingAnchorTheLedgerDoesNotHoldIsRefusedAndTrustOnFirstUseTakesTheNewest() {
        putAnchors(a0, a1);
        assertThatThrownBy(() -> certeus.verifiedReads(TrustedAnchor.of(0, a1.anchorHash())))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.field()).isEqualTo("anchorHash"));
        assertThatThrownBy(() -> certeus.verifiedReads(TrustedAnchor.of(7, a1.anchorHash())))
                .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.field()).isEqualTo("sequence"));
        assertThat(TrustedAnchor.parse(TrustedAnchor.of(1, a1.anchorHash()).toString())).isEqualTo(TrustedAnchor.of(1, a1.anchorHash()));

        VerifiedReads firstUse = certeus.verifiedReads(TrustedAnchor.trustOnFirstUse());
        assertThat(firstUse.trusted()).isEqualTo(TrustedAnchor.of(1, a1.anchorHash()));
    }
}
