package io.certeus.core.verify;

import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.merkle.MerkleTree;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.ShardHead;
import io.certeus.core.proof.InclusionProof;
import io.certeus.core.proof.ProofBuilder;
import io.certeus.testing.TestChains;
import io.certeus.testing.TestEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProofVerifierTest {
    private static final int SHARD = 417;

    private final LedgerHasher hasher = new LedgerHasher();
    private List<LedgerEntry> chain;
    private Anchor anchor;

    @BeforeEach
    void buildChainAndAnchor() {
        chain = TestChains.chain(SHARD, 5, position -> TestEvents.event()
                .eventId(UUID.nameUUIDFromBytes(new byte[] {(byte) position})).payload("{\"n\":" + position + "}").build());
        ShardHead otherShard = new ShardHead(3, 7, Hashes.sha256(new byte[] {3}));
        anchor = TestChains.anchorOver(12, 1_767_225_600_000_000L, Hashes.sha256(new byte[] {11}),
                List.of(TestChains.head(chain), otherShard));
    }

    private InclusionProof proofOf(int position) {
        return new ProofBuilder().build(anchor, chain.subList(position, chain.size()));
    }

    @Test
    void proofOfEveryEntryVerifies() {
        for (int position = 0; position < chain.size(); position++) {
            ProofVerifier.Result result = new ProofVerifier().verify(proofOf(position));
            assertThat(result.verdict()).as("position %d: %s", position, result)
                    .isEqualTo(ProofVerifier.Verdict.CONSISTENT_NOT_ANCHORED);
            assertThat(new ProofVerifier().verifyAgainst(proofOf(position), anchor.anchorHash()).verdict())
                    .isEqualTo(ProofVerifier.Verdict.ANCHORED);
        }
    }

    @Test
    void refusesProofWithAlteredPayload() {
        InclusionProof good = proofOf(1);
        List<LedgerEntry> forged = new ArrayList<>(good.segment());
        LedgerEntry original = forged.get(0);
        Event altered = TestEvents.event().eventId(original.event().eventId()).payload("{\"n\":9}").build();
        forged.set(0, new LedgerEntry(altered, SHARD, 1, original.prevHash(), original.hash()));
        ProofVerifier.Result result = new ProofVerifier().verify(copyWithSegment(good, forged));
        assertThat(result.verdict()).isEqualTo(ProofVerifier.Verdict.INVALID);
        assertThat(result.failure()).contains("entry hash does not recompute").contains("position=1");
    }

    @Test
    void refusesProofWhoseRehashedEntryNoLongerLinks() {
        InclusionProof good = proofOf(1);
        List<LedgerEntry> forged = new ArrayList<>(good.segment());
        LedgerEntry original = forged.get(0);
        Event altered = TestEvents.event().eventId(original.event().eventId()).payload("{\"n\":9}").build();
        byte[] rehash = hasher.entryHash(SHARD, 1, original.prevHash(), altered);
        forged.set(0, new LedgerEntry(altered, SHARD, 1, original.prevHash(), rehash));
        assertThat(new ProofVerifier().verify(copyWithSegment(good, forged)).failure())
                .contains("does not link").contains("position=2");
    }

    @Test
    void refusesProofWithForgedAnchorRoot() {
        InclusionProof good = proofOf(2);
        InclusionProof forged = new InclusionProof(good.segment(), good.auditPath(), good.anchorSequence(),
                good.anchoredAtMicros(), good.shardCount(), Hashes.sha256(new byte[] {1}), good.prevAnchorHash(),
                good.anchorHash());
        assertThat(new ProofVerifier().verify(forged).failure()).contains("not in the anchor's Merkle tree");
    }

    @Test
    void refusesProofWithForgedAnchorTime() {
        InclusionProof good = proofOf(2);
        InclusionProof forged = new InclusionProof(good.segment(), good.auditPath(), good.anchorSequence(),
                good.anchoredAtMicros() + 1, good.shardCount(), good.merkleRoot(), good.prevAnchorHash(), good.anchorHash());
        assertThat(new ProofVerifier().verify(forged).failure()).contains("anchor hash does not recompute");
    }

    @Test
    void refusesProofAgainstADifferentPublishedAnchor() {
        assertThat(new ProofVerifier().verifyAgainst(proofOf(0), Hashes.sha256(new byte[] {9})).failure())
                .contains("not the trusted one");
        assertThat(new ProofVerifier().verifyAgainst(proofOf(0), anchor.anchorHash()).anchored()).isTrue();
    }

    @Test
    void aProofAroundAnInventedAnchorIsOnlyConsistentUntilPinned() {
        // The forger re-chains the segment into a one-shard tree of their own and hashes an anchor over it.
        List<LedgerEntry> rechained = TestChains.chain(0, chain.stream().map(LedgerEntry::event).toList());
        LedgerEntry head = rechained.get(rechained.size() - 1);
        byte[] root = MerkleTree.root(List.of(hasher.shardHeadLeafHash(0, head.position() + 1, head.hash())));
        byte[] inventedAnchorHash = hasher.anchorHash(99, 1L, 1, root, Hashes.ZERO_HASH);
        InclusionProof forged = new InclusionProof(rechained, List.of(), 99, 1L, 1, root, Hashes.ZERO_HASH, inventedAnchorHash);

        assertThat(new ProofVerifier().verify(forged).verdict()).isEqualTo(ProofVerifier.Verdict.CONSISTENT_NOT_ANCHORED);
        assertThat(new ProofVerifier().verifyAgainst(forged, anchor.anchorHash()).verdict()).isEqualTo(ProofVerifier.Verdict.INVALID);
    }

    @Test
    void refusesProofWhoseShardIsOutsideTheAnchorsTree() {
        InclusionProof good = proofOf(0);
        InclusionProof forged = new InclusionProof(good.segment(), good.auditPath(), good.anchorSequence(),
                good.anchoredAtMicros(), SHARD, good.merkleRoot(), good.prevAnchorHash(), good.anchorHash());
        assertThat(new ProofVerifier().verify(forged).failure()).contains("shard outside the anchor's tree");
    }

    @Test
    void builderRefusesSegmentThatStopsShortOfTheAnchoredHead() {
        assertThatThrownBy(() -> new ProofBuilder().build(anchor, chain.subList(0, 3)))
                .hasMessageContaining("lastPosition=2").hasMessageContaining("anchoredSize=5");
    }

    private static InclusionProof copyWithSegment(InclusionProof proof, List<LedgerEntry> segment) {
        return new InclusionProof(segment, proof.auditPath(), proof.anchorSequence(), proof.anchoredAtMicros(),
                proof.shardCount(), proof.merkleRoot(), proof.prevAnchorHash(), proof.anchorHash());
    }
}
