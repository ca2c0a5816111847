package io.certeus.pipeline.stage;

import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.certeus.core.model.Anchor;

import java.io.Serializable;

/**
 * Where the anchor stage finds the newest anchor already written, so that after a restart it
 * continues that anchor chain instead of re-emitting (and so overwriting) anchors it wrote after
 * its last snapshot.
 *
 * <p>Implementations are serializable and thread-safe; {@link #latest} may block (it is called from a
 * non-cooperative processor).
 */
@FunctionalInterface
public interface AnchorLookup extends Serializable {
    /** The anchor with the highest sequence, or {@code null} when none was written. */
    Anchor latest(HazelcastInstance member);

    /** No anchor store: every run starts a new anchor chain (tests). */
    static AnchorLookup none() {
        return member -> null;
    }

    /** The anchors IMap {@code mapName} ({@code Long sequence -> Anchor}). */
    static AnchorLookup imap(String mapName) {
        return member -> {
            IMap<Long, Anchor> anchors = member.getMap(mapName);
            if (anchors.isEmpty()) {
                return null;
            }
            Long newest = anchors.aggregate(Aggregators.comparableMax("__key"));
            return newest == null ? null : anchors.get(newest);
        };
    }
}
