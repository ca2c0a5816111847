package io.certeus.core.verify;

import io.certeus.core.hash.CanonicalEncoding;
import io.certeus.core.hash.FieldDigests;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.ShardHead;
import io.certeus.core.shard.Shards;
import io.certeus.testing.TestChains;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerVerifierTest {
    private static final String CASE = "ABC-000123";

    private static List<LedgerEntry> chain(int length) {
        return TestChains.chain(Shards.shardOf(CASE), length, i -> new Event(new UUID(1, i), CASE, "CASE_UPDATED", "clerk", null, null,
                ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1_000 + i, 2_000 + i));
    }

    private Anchor anchorOver(LedgerEntry head) {
        return TestChains.anchorOver(0, 5_000, Hashes.ZERO_HASH, List.of(new ShardHead(head.shard(), head.position() + 1, head.hash())));
    }

    @Test
    void acceptsIntactChainAndAnchor() {
        List<LedgerEntry> entries = chain(5);
        LedgerVerifier verifier = new LedgerVerifier(List.of(anchorOver(entries.get(3))));
        entries.forEach(verifier::accept);
        VerificationResult result = verifier.finish();
        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(5);
    }

    @Test
    void anAnchoredHeadTheRowsDoNotReachIsReportedAsShardSizes() {
        List<LedgerEntry> entries = chain(5);
        List<Anchor> anchors = List.of(anchorOver(entries.get(3)));
        LedgerVerifier shortChain = new LedgerVerifier(anchors);
        entries.subList(0, 3).forEach(shortChain::accept);
        assertThat(shortChain.finish().failure().field()).as("anchored head at position 3 missing").isEqualTo("shardSizes");
    }

    @Test
    void locatesAChangedPayloadByteAtItsPositionAsHash() {
        List<LedgerEntry> entries = chain(5);
        LedgerEntry victim = entries.get(2);
        byte[] payload = victim.event().payload().clone();
        payload[2] ^= 1;
        Event e = victim.event();
        entries.set(2, new LedgerEntry(new Event(e.eventId(), e.caseId(), e.type(), e.actor(), e.sourceIp(), e.documentHash(),
                payload, e.occurredAtMicros(), e.ingestedAtMicros()), victim.shard(), 2, victim.prevHash(), victim.hash()));
        LedgerVerifier verifier = new LedgerVerifier(List.of());
        entries.forEach(verifier::accept);
        VerificationFailure failure = verifier.finish().failure();
        assertThat(failure.position()).isEqualTo(2);
        assertThat(failure.field()).isEqualTo("hash");
    }

    @Test
    void reportsGapAndBrokenLinkAndForgedAnchorHead() {
        List<LedgerEntry> entries = chain(4);
        LedgerVerifier gap = new LedgerVerifier(List.of());
        gap.accept(entries.get(0));
        gap.accept(entries.get(2));
        assertThat(gap.finish().failure().field()).isEqualTo("position");

        LedgerEntry third = entries.get(2);
        byte[] wrongPrev = third.prevHash().clone();
        wrongPrev[0] ^= 1;
        LedgerVerifier link = new LedgerVerifier(List.of());
        link.accept(entries.get(0));
        link.accept(entries.get(1));
        link.accept(new LedgerEntry(third.event(), third.shard(), 2, wrongPrev, third.hash()));
        assertThat(link.finish().failure().field()).isEqualTo("prevHash");

        LedgerEntry head = entries.get(3);
        byte[] forged = head.hash().clone();
        forged[5] ^= 1;
        Anchor anchor = anchorOver(new LedgerEntry(head.event(), head.shard(), 3, head.prevHash(), forged));
        LedgerVerifier anchored = new LedgerVerifier(List.of(anchor));
        entries.forEach(anchored::accept);
        VerificationFailure failure = anchored.finish().failure();
        assertThat(failure.field()).isEqualTo("headHashes");
        assertThat(failure.anchorSequence()).isZero();
    }

    private static StoredEntry stored(LedgerEntry entry) {
        return new StoredEntry(entry, CanonicalEncoding.VERSION, new FieldDigests().digest(entry));
    }

    private static LedgerEntry withActor(LedgerEntry entry, String actor) {
        Event e = entry.event();
        return new LedgerEntry(new Event(e.eventId(), e.caseId(), e.type(), actor, e.sourceIp(), e.documentHash(), e.payload(),
                e.occurredAtMicros(), e.ingestedAtMicros()), entry.shard(), entry.position(), entry.prevHash(), entry.hash());
    }

    @Test
    void storedRowsThatDeclareTheImplementedVersionAndMatchTheirDigestsVerify() {
        List<LedgerEntry> entries = chain(4);
        LedgerVerifier verifier = new LedgerVerifier(List.of(anchorOver(entries.get(3))));
        entries.forEach(entry -> assertThat(verifier.acceptStored(stored(entry))).isTrue());
        assertThat(verifier.finish().ok()).isTrue();
    }

    @Test
    void aStoredRowDeclaringAnotherHashVersionIsNamed() {
        List<LedgerEntry> entries = chain(3);
        LedgerVerifier verifier = new LedgerVerifier(List.of());
        verifier.acceptStored(stored(entries.get(0)));
        StoredEntry second = stored(entries.get(1));
        assertThat(verifier.acceptStored(new StoredEntry(second.entry(), CanonicalEncoding.VERSION + 1, second.fieldDigests()))).isFalse();
        VerificationFailure failure = verifier.finish().failure();
        assertThat(failure.field()).isEqualTo("hash_version");
        assertThat(failure.position()).isEqualTo(1);
    }

    @Test
    void aStoredRowWhoseHashFailsIsNarrowedToTheChangedFieldByItsDigests() {
        List<LedgerEntry> entries = chain(3);
        StoredEntry original = stored(entries.get(1));
        LedgerVerifier verifier = new LedgerVerifier(List.of());
        verifier.acceptStored(stored(entries.get(0)));
        assertThat(verifier.acceptStored(new StoredEntry(withActor(original.entry(), "mallory"), original.hashVersion(),
                original.fieldDigests()))).isFalse();
        assertThat(verifier.finish().failure().field()).isEqualTo("actor");
    }

    @Test
    void aStoredRowThatVerifiesButNotItsDigestsNamesTheDigests() {
        List<LedgerEntry> entries = chain(2);
        byte[] digests = new FieldDigests().digest(entries.get(0));
        digests[0] ^= 1;
        LedgerVerifier verifier = new LedgerVerifier(List.of());
        assertThat(verifier.acceptStored(new StoredEntry(entries.get(0), CanonicalEncoding.VERSION, digests))).isFalse();
        assertThat(verifier.finish().failure().field()).isEqualTo("field_digests");
    }

    @Test
    void storedAnchorRowsMustStartAtZeroDecodeAndDeclareWhatTheyHold() {
        Anchor anchor = anchorOver(chain(1).get(0));
        assertThat(LedgerVerifier.forStoredAnchors(List.of(StoredAnchor.decoded(anchor, CanonicalEncoding.VERSION, anchor.shardCount())))
                .finish().failure().field()).as("rows not given: the anchored head is missing").isEqualTo("shardSizes");
        assertThat(LedgerVerifier.forStoredAnchors(List.of(StoredAnchor.decoded(anchor, CanonicalEncoding.VERSION + 1,
                anchor.shardCount()))).finish().failure().field()).isEqualTo("hash_version");
        assertThat(LedgerVerifier.forStoredAnchors(List.of(StoredAnchor.decoded(anchor, CanonicalEncoding.VERSION, 999)))
                .finish().failure().field()).isEqualTo("shard_count");
        assertThat(LedgerVerifier.forStoredAnchors(List.of(StoredAnchor.undecodable(0, CanonicalEncoding.VERSION, 1000,
                "headHashes", "short"))).finish().failure().field()).isEqualTo("headHashes");
        assertThat(LedgerVerifier.forStoredAnchors(List.of(StoredAnchor.undecodable(3, CanonicalEncoding.VERSION, 1000,
                "headHashes", "short"))).finish().failure().field()).as("first row not 0").isEqualTo("sequence");
    }

    @Test
    void anUndecodableStoredRowIsNamedAtItsPlace() {
        LedgerVerifier verifier = new LedgerVerifier(List.of());
        assertThat(verifier.rejectUndecodable(7, 3, "occurredAt", "long overflow")).isFalse();
        VerificationFailure failure = verifier.finish().failure();
        assertThat(failure.shard()).isEqualTo(7);
        assertThat(failure.position()).isEqualTo(3);
        assertThat(failure.field()).isEqualTo("occurredAt");
    }

    @Test
    void aDocumentHashOfAnotherLengthIsNamedNotReportedAsAnUnencodableEvent() {
        List<LedgerEntry> entries = chain(2);
        LedgerEntry second = entries.get(1);
        Event e = second.event();
        LedgerEntry shortHash = new LedgerEntry(new Event(e.eventId(), e.caseId(), e.type(), e.actor(), e.sourceIp(), new byte[31],
                e.payload(), e.occurredAtMicros(), e.ingestedAtMicros()), second.shard(), 1, second.prevHash(), second.hash());
        LedgerVerifier verifier = new LedgerVerifier(List.of());
        verifier.acceptStored(stored(entries.get(0)));
        assertThat(verifier.acceptStored(new StoredEntry(shortHash, CanonicalEncoding.VERSION, stored(second).fieldDigests()))).isFalse();
        VerificationFailure failure = verifier.finish().failure();
        assertThat(failure.position()).isEqualTo(1);
        assertThat(failure.field()).isEqualTo("documentHash");
    }

    @Test
    void aStoredRowThatHashesButHoldsAnEventValidationRefusesIsNamedByItsField() {
        int shard = Shards.shardOf(CASE);
        List<LedgerEntry> entries = TestChains.chain(shard, 2, i -> new Event(new UUID(1, i), CASE, i == 1 ? "CASE_CLOSED" : "CASE_UPDATED",
                "clerk", null, null, "{}".getBytes(StandardCharsets.UTF_8), 1_000 + i, 2_000 + i));
        LedgerVerifier verifier = new LedgerVerifier(List.of());
        assertThat(verifier.acceptStored(stored(entries.get(0)))).isTrue();
        assertThat(verifier.acceptStored(stored(entries.get(1)))).as("re-forged with a type no event has").isFalse();
        VerificationFailure failure = verifier.finish().failure();
        assertThat(failure.position()).isEqualTo(1);
        assertThat(failure.field()).isEqualTo("type");
    }

    @Test
    void missingHeadsAreReportedAtTheEarliestAnchorThatRecordsOne() {
        List<LedgerEntry> entries = chain(4);
        LedgerEntry second = entries.get(1);
        LedgerEntry fourth = entries.get(3);
        Anchor first = anchorOver(second);
        Anchor next = TestChains.anchorOver(1, 6_000, first.anchorHash(),
                List.of(new ShardHead(fourth.shard(), fourth.position() + 1, fourth.hash())));
        LedgerVerifier verifier = new LedgerVerifier(List.of(next, first));
        VerificationFailure failure = verifier.finish().failure();
        assertThat(failure.field()).isEqualTo("shardSizes");
        assertThat(failure.anchorSequence()).isZero();
        assertThat(failure.shard()).isEqualTo(second.shard());
    }

    @Test
    void aLaterAnchorCannotChangeTheHeadOfAShardThatDidNotGrow() {
        List<LedgerEntry> entries = chain(2);
        LedgerEntry head = entries.get(1);
        Anchor first = anchorOver(head);
        byte[] forged = head.hash().clone();
        forged[0] ^= 1;
        Anchor next = TestChains.anchorOver(1, 6_000, first.anchorHash(), List.of(new ShardHead(head.shard(), head.position() + 1, forged)));
        LedgerVerifier verifier = new LedgerVerifier(List.of(first, next));
        entries.forEach(verifier::accept);
        VerificationFailure failure = verifier.finish().failure();
        assertThat(failure).isNotNull();
        assertThat(failure.anchorSequence()).isEqualTo(1);
        assertThat(failure.shard()).isEqualTo(head.shard());
        assertThat(failure.field()).isEqualTo("headHashes");
    }
}
