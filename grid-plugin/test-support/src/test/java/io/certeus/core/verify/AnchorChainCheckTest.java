package io.certeus.core.verify;

import io.certeus.core.hash.Hashes;
import io.certeus.core.merkle.AnchorCalculator;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.ShardHead;
import io.certeus.core.shard.Shards;
import io.certeus.testing.TestChains;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnchorChainCheckTest {
    private static final int SHARD = 417;
    private static final int OTHER_SHARD = 12;

    private final AnchorChainCheck check = new AnchorChainCheck();

    private static byte[] hash(int seed) {
        return Hashes.sha256(new byte[] {(byte) seed});
    }

    private static Anchor first() {
        return TestChains.anchorOver(0, 1_000, Hashes.ZERO_HASH,
                List.of(new ShardHead(SHARD, 3, hash(3)), new ShardHead(OTHER_SHARD, 1, hash(1))));
    }

    /** A correctly hashed anchor after {@code previous} over {@code heads} (other shards empty). */
    private static Anchor after(Anchor previous, ShardHead... heads) {
        return TestChains.anchorOver(previous.sequence() + 1, previous.anchoredAtMicros() + 1_000, previous.anchorHash(), List.of(heads));
    }

    /** {@code anchor} with its sizes and heads, root and hash recomputed over them: a re-forged anchor that hashes. */
    private static Anchor reforged(Anchor anchor, long[] sizes, byte[] heads, byte[] prevAnchorHash) {
        return new AnchorCalculator().anchor(anchor.sequence(), anchor.anchoredAtMicros(), sizes, heads, prevAnchorHash);
    }

    @Test
    void acceptsAnAnchorThatGrowsOneShardAndRepeatsTheOther() {
        Anchor first = first();
        Anchor second = after(first, new ShardHead(SHARD, 5, hash(5)), new ShardHead(OTHER_SHARD, 1, hash(1)));
        assertThat(check.checkAlone(first)).isNull();
        assertThat(check.checkSuccessor(first, second)).isNull();
    }

    @Test
    void aWrongPrevAnchorHashIsNamed() {
        Anchor first = first();
        Anchor second = after(first, new ShardHead(SHARD, 5, hash(5)));
        Anchor unlinked = reforged(second, second.shardSizes(), second.headHashes(), hash(99));
        VerificationFailure failure = check.checkSuccessor(first, unlinked);
        assertThat(failure.field()).isEqualTo("prevAnchorHash");
        assertThat(failure.anchorSequence()).isEqualTo(1);
    }

    @Test
    void aSequenceGapIsNamed() {
        Anchor first = first();
        Anchor skipped = TestChains.anchorOver(2, 3_000, first.anchorHash(), List.of(new ShardHead(SHARD, 5, hash(5))));
        assertThat(check.checkSuccessor(first, skipped).field()).isEqualTo("sequence");
    }

    @Test
    void aShardMovingBackwardsIsNamedWithItsShardEvenWhenRootAndHashRecompute() {
        Anchor first = first();
        Anchor shrunk = after(first, new ShardHead(SHARD, 2, hash(2)), new ShardHead(OTHER_SHARD, 1, hash(1)));
        VerificationFailure failure = check.checkSuccessor(first, shrunk);
        assertThat(failure.field()).isEqualTo("shardSizes");
        assertThat(failure.shard()).isEqualTo(SHARD);
    }

    @Test
    void anUnmovedShardWithAnotherHeadIsNamed() {
        Anchor first = first();
        Anchor swapped = after(first, new ShardHead(SHARD, 3, hash(33)), new ShardHead(OTHER_SHARD, 1, hash(1)));
        VerificationFailure failure = check.checkSuccessor(first, swapped);
        assertThat(failure.field()).isEqualTo("headHashes");
        assertThat(failure.shard()).isEqualTo(SHARD);
    }

    @Test
    void headsThatDoNotGiveTheRootAreNamedMerkleRoot() {
        Anchor first = first();
        Anchor second = after(first, new ShardHead(SHARD, 5, hash(5)), new ShardHead(OTHER_SHARD, 1, hash(1)));
        long[] sizes = second.shardSizes().clone();
        sizes[SHARD] = 6; // the heads say 6, the root (and hash) were computed over 5
        Anchor moved = new Anchor(second.sequence(), second.anchoredAtMicros(), second.merkleRoot(), second.prevAnchorHash(),
                second.anchorHash(), sizes, second.headHashes());
        assertThat(check.checkSuccessor(first, moved).field()).isEqualTo("merkleRoot");
        assertThat(check.checkAlone(moved).field()).isEqualTo("merkleRoot");
    }

    @Test
    void aChangedFieldUnderTheHashIsNamedAnchorHash() {
        Anchor first = first();
        Anchor second = after(first, new ShardHead(SHARD, 5, hash(5)), new ShardHead(OTHER_SHARD, 1, hash(1)));
        Anchor retimed = new Anchor(second.sequence(), second.anchoredAtMicros() + 1, second.merkleRoot(), second.prevAnchorHash(),
                second.anchorHash(), second.shardSizes(), second.headHashes());
        assertThat(check.checkSuccessor(first, retimed).field()).isEqualTo("anchorHash");
        assertThat(check.checkHash(retimed).field()).isEqualTo("anchorHash");
        assertThat(check.checkHash(second)).isNull();
    }

    @Test
    void aWrongShardCountIsNamedAndTheFirstAnchorMustLinkToZero() {
        Anchor small = new AnchorCalculator().anchor(0, 1, new long[10], new byte[10 * Hashes.HASH_BYTES], Hashes.ZERO_HASH);
        assertThat(check.checkAlone(small).field()).isEqualTo("shardCount");
        Anchor genesis = new AnchorCalculator().anchor(0, 1, new long[Shards.SHARD_COUNT],
                new byte[Shards.SHARD_COUNT * Hashes.HASH_BYTES], hash(7));
        assertThat(check.checkAlone(genesis).field()).isEqualTo("prevAnchorHash");
    }
}
