package io.certeus.pipeline;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.certeus.core.MapNames;
import io.certeus.core.archive.LedgerArchive;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.ShardHead;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.pipeline.stage.AnchorLookup;
import io.certeus.pipeline.stage.ChainSeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@link ChainSeed} of a fresh ledger job: per shard the larger head of (a) the ledger map's
 * in-memory entries and (b) the member's {@link LedgerArchive} (PostgreSQL), and the anchor with the
 * highest sequence in the anchors map and the archive. On a client (no archive in its user context)
 * only the maps count.
 *
 * <p>Cost: all in-memory ledger keys are fetched once (fine for a modest map; the map is small or
 * empty right after a full-grid restart, when the archive carries the heads), then one
 * {@code getAll} of at most 1000 head entries.
 *
 * <p>Thread-safe: stateless.
 */
final class ChainSeedReader {
    private static final Logger LOG = LoggerFactory.getLogger(ChainSeedReader.class);

    private ChainSeedReader() {
    }

    static ChainSeed read(HazelcastInstance instance) {
        int shards = Shards.SHARD_COUNT;
        long[] sizes = new long[shards];
        byte[] heads = new byte[shards * Hashes.HASH_BYTES];

        // Touching the map also starts its MapStore on a member, which registers the archive.
        IMap<LedgerKey, LedgerEntry> ledger = instance.getMap(MapNames.LEDGER);
        long[] lastPosition = new long[shards];
        Arrays.fill(lastPosition, -1);
        for (LedgerKey key : ledger.keySet()) {
            lastPosition[key.shard()] = Math.max(lastPosition[key.shard()], key.position());
        }
        Set<LedgerKey> headKeys = new HashSet<>();
        for (int shard = 0; shard < shards; shard++) {
            if (lastPosition[shard] >= 0) {
                headKeys.add(new LedgerKey(shard, lastPosition[shard]));
            }
        }
        Map<LedgerKey, LedgerEntry> headEntries = headKeys.isEmpty() ? Map.of() : ledger.getAll(headKeys);
        for (LedgerEntry entry : headEntries.values()) {
            take(sizes, heads, new ShardHead(entry.shard(), entry.position() + 1, entry.hash()));
        }
        int mapShards = headEntries.size();

        Anchor newest = AnchorLookup.imap(MapNames.ANCHORS).latest(instance);
        LedgerArchive archive = LedgerArchive.of(instance);
        int archiveShards = 0;
        if (archive != null) {
            for (ShardHead head : archive.shardHeads()) {
                if (take(sizes, heads, head)) {
                    archiveShards++;
                }
            }
            Anchor archived = archive.newestAnchor();
            if (archived != null && (newest == null || archived.sequence() > newest.sequence())) {
                newest = archived;
            }
        }
        ChainSeed seed = ChainSeed.of(sizes, heads, newest);
        warnIfAnchorAhead(seed, newest);
        LOG.info("certeus pipeline: fresh ledger job seeded: seed={}, shardsFromMap={}, shardsFromArchive={}, archive={}",
                seed, mapShards, archiveShards, archive != null);
        return seed;
    }

    /** Keeps {@code head} if it is beyond what {@code sizes} holds for its shard. */
    private static boolean take(long[] sizes, byte[] heads, ShardHead head) {
        int shard = head.shard();
        if (head.size() <= sizes[shard]) {
            return false;
        }
        if (head.headHash().length != Hashes.HASH_BYTES) {
            throw new IllegalStateException("ledger head hash has the wrong length: shard=" + shard + ", size=" + head.size()
                    + ", hashBytes=" + head.headHash().length);
        }
        sizes[shard] = head.size();
        System.arraycopy(head.headHash(), 0, heads, shard * Hashes.HASH_BYTES, Hashes.HASH_BYTES);
        return true;
    }

    /**
     * An anchor covering entries neither the map nor the archive holds means lost entries: say so
     * loudly, naming every such shard (not only the first) and how many anchored entries are missing.
     */
    private static void warnIfAnchorAhead(ChainSeed seed, Anchor newest) {
        List<String> shards = shardsBehindAnchor(seed, newest);
        if (shards.isEmpty()) {
            return;
        }
        long missingEntries = 0;
        for (int shard = 0; shard < newest.shardSizes().length; shard++) {
            missingEntries += Math.max(0, newest.shardSizes()[shard] - seed.size(shard));
        }
        LOG.error("certeus pipeline: newest anchor covers entries the ledger does not hold: anchorSequence={}, shards={},"
                + " anchoredEntriesMissing={}, each shard:seededSize<anchoredSize={}", newest.sequence(), shards.size(),
                missingEntries, shards);
    }

    /** Every shard whose seeded size is below what {@code newest} anchored, as {@code shard:seeded<anchored}. */
    static List<String> shardsBehindAnchor(ChainSeed seed, Anchor newest) {
        List<String> shards = new ArrayList<>();
        if (newest == null) {
            return shards;
        }
        long[] anchored = newest.shardSizes();
        for (int shard = 0; shard < anchored.length; shard++) {
            if (anchored[shard] > seed.size(shard)) {
                shards.add(shard + ":" + seed.size(shard) + "<" + anchored[shard]);
            }
        }
        return shards;
    }
}
