package io.certeus.testing;

import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.merkle.AnchorCalculator;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.ShardHead;
import io.certeus.core.shard.Shards;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.ToIntFunction;

/**
 * Reference shard chains and anchors for tests: entries chained and hashed as docs/HASHING.md
 * defines them, and anchors over chain prefixes, computed here apart from the pipeline so tests can
 * compare what the grid wrote against them.
 *
 * <p>Thread-safe: stateless; each call uses its own hasher.
 */
public final class TestChains {
    private TestChains() {
    }

    /** The entry at {@code position} of {@code shard} after {@code prevHash}, with its hash computed. */
    public static LedgerEntry entry(int shard, long position, byte[] prevHash, Event event) {
        return new LedgerEntry(event, shard, position, prevHash, new LedgerHasher().entryHash(shard, position, prevHash, event));
    }

    /** {@code events} chained in order on {@code shard}, positions from 0, the first after the zero hash. */
    public static List<LedgerEntry> chain(int shard, List<Event> events) {
        return chain(shard, events.size(), position -> events.get((int) position));
    }

    /** {@code length} entries chained on {@code shard}; {@code eventAt} gives the event of each position, in order. */
    public static List<LedgerEntry> chain(int shard, int length, LongFunction<Event> eventAt) {
        LedgerHasher hasher = new LedgerHasher();
        List<LedgerEntry> entries = new ArrayList<>(length);
        byte[] prev = Hashes.ZERO_HASH;
        for (long position = 0; position < length; position++) {
            Event event = eventAt.apply(position);
            byte[] hash = hasher.entryHash(shard, position, prev, event);
            entries.add(new LedgerEntry(event, shard, position, prev, hash));
            prev = hash;
        }
        return entries;
    }

    /**
     * {@code eventsInOrder} each chained on its case's shard, in order: the chains the pipeline builds
     * from these events, by shard in order of first appearance.
     */
    public static Map<Integer, List<LedgerEntry>> chainsByShard(List<Event> eventsInOrder) {
        LedgerHasher hasher = new LedgerHasher();
        Map<Integer, List<LedgerEntry>> chains = new LinkedHashMap<>();
        for (Event event : eventsInOrder) {
            int shard = Shards.shardOf(event.caseId());
            List<LedgerEntry> chain = chains.computeIfAbsent(shard, s -> new ArrayList<>());
            byte[] prev = chain.isEmpty() ? Hashes.ZERO_HASH : chain.get(chain.size() - 1).hash();
            long position = chain.size();
            chain.add(new LedgerEntry(event, shard, position, prev, hasher.entryHash(shard, position, prev, event)));
        }
        return chains;
    }

    /** The head of {@code chain} after its first {@code length} entries (at least one). */
    public static ShardHead headAfter(List<LedgerEntry> chain, int length) {
        LedgerEntry last = chain.get(length - 1);
        return new ShardHead(last.shard(), length, last.hash());
    }

    /** The head of the whole of {@code chain}. */
    public static ShardHead head(List<LedgerEntry> chain) {
        return headAfter(chain, chain.size());
    }

    /** Anchor {@code sequence} over {@code heads}, every other shard of {@link Shards#SHARD_COUNT} empty. */
    public static Anchor anchorOver(long sequence, long anchoredAtMicros, byte[] prevAnchorHash, Collection<ShardHead> heads) {
        long[] sizes = new long[Shards.SHARD_COUNT];
        byte[] headHashes = new byte[Shards.SHARD_COUNT * Hashes.HASH_BYTES];
        for (ShardHead head : heads) {
            sizes[head.shard()] = head.size();
            System.arraycopy(head.headHash(), 0, headHashes, head.shard() * Hashes.HASH_BYTES, Hashes.HASH_BYTES);
        }
        return new AnchorCalculator().anchor(sequence, anchoredAtMicros, sizes, headHashes, prevAnchorHash);
    }

    /**
     * Anchor {@code sequence} over a prefix of each chain, {@code prefixLength} entries of it; a chain
     * whose prefix is empty leaves its shard empty, as does every shard without a chain.
     */
    public static Anchor anchorOverPrefixes(long sequence, long anchoredAtMicros, byte[] prevAnchorHash,
                                            Collection<List<LedgerEntry>> chains, ToIntFunction<List<LedgerEntry>> prefixLength) {
        List<ShardHead> heads = new ArrayList<>();
        for (List<LedgerEntry> chain : chains) {
            int length = prefixLength.applyAsInt(chain);
            if (length > 0) {
                heads.add(headAfter(chain, length));
            }
        }
        return anchorOver(sequence, anchoredAtMicros, prevAnchorHash, heads);
    }
}
