package io.certeus.core.verify;

import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.shard.Shards;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Anchors published outside the database (a {@code certeus anchors export} kept where the database's
 * administrator cannot write, as Certificate Transparency keeps signed tree heads) against the stored
 * anchors: every published anchor must be stored, with the same hash. Together with the anchor chain
 * check (each anchor links to its predecessor) this proves the stored chain extends every published
 * anchor: nothing a published anchor covers was rewritten, and the ledger was not cut back past it.
 * Also counts the entries no anchor covers yet: published or not, an entry after the newest anchor
 * is not yet protected by one.
 *
 * <p>Thread-safe: stateless.
 */
public final class PublishedAnchorCheck {
    private PublishedAnchorCheck() {
    }

    /** The first published anchor (by sequence) that is missing from or differs from {@code stored}; {@code null} when all match. */
    public static VerificationFailure check(Map<Long, byte[]> published, List<Anchor> stored) {
        Map<Long, Anchor> bySequence = new HashMap<>();
        stored.forEach(anchor -> bySequence.put(anchor.sequence(), anchor));
        for (Map.Entry<Long, byte[]> entry : new TreeMap<>(published).entrySet()) {
            Anchor anchor = bySequence.get(entry.getKey());
            if (anchor == null) {
                return VerificationFailure.anchor(entry.getKey(), VerificationFailure.NO_SHARD, "published",
                        "a published anchor is not in the database: the ledger was cut back or the anchor removed; publishedHash="
                                + Hashes.hex(entry.getValue()));
            }
            if (!Arrays.equals(entry.getValue(), anchor.anchorHash())) {
                return VerificationFailure.anchor(entry.getKey(), VerificationFailure.NO_SHARD, "published",
                        "the stored anchor differs from the published one: the ledger before it was rewritten; publishedHash="
                                + Hashes.hex(entry.getValue()) + ", storedHash=" + Hashes.hex(anchor.anchorHash()));
            }
        }
        return null;
    }

    /**
     * Entries that no anchor covers: per shard, the verified length beyond the newest anchor's size
     * for it (every entry when there is no anchor).
     */
    public static long uncoveredEntries(VerificationResult verified, List<Anchor> stored) {
        Anchor newest = null;
        for (Anchor anchor : stored) {
            if (newest == null || anchor.sequence() > newest.sequence()) {
                newest = anchor;
            }
        }
        long uncovered = 0;
        for (int shard = 0; shard < Shards.SHARD_COUNT; shard++) {
            long covered = newest == null || shard >= newest.shardCount() ? 0 : newest.shardSizes()[shard];
            uncovered += Math.max(0, verified.shardLength(shard) - covered);
        }
        return uncovered;
    }
}
