package io.certeus.pipeline.stage;

import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.certeus.core.model.Anchor;

import java.io.Serializable;

/**
 * Where the anchor stage finds the anchors already written, so that after a restart it continues
 * that anchor chain instead of re-emitting (and so forking) anchors it wrote after its last snapshot:
 * the newest one ({@link #latest}), and whether a sequence was written first ({@link #claim}).
 *
 * <p>Implementations are serializable and thread-safe; {@link #latest} may block (it is called from a
 * non-cooperative processor).
 */
@FunctionalInterface
public interface AnchorLookup extends Serializable {
    /** The anchor with the highest sequence, or {@code null} when none was written. */
    Anchor latest(HazelcastInstance member);

    /**
     * Writes {@code anchor} unless an anchor with its sequence was written first (by an earlier run
     * of the job, or before a full restart: then from PostgreSQL); returns that first one, or
     * {@code null} when {@code anchor} is the first. Default: no store, nothing to claim (tests).
     */
    default Anchor claim(HazelcastInstance member, Anchor anchor) {
        return null;
    }

    /** No anchor store: every run starts a new anchor chain (tests). */
    static AnchorLookup none() {
        return member -> null;
    }

    /**
     * The anchors IMap {@code mapName} ({@code Long sequence -> Anchor}); a claim is its
     * {@code putIfAbsent}, which also loads a sequence PostgreSQL already holds (the map's store).
     */
    static AnchorLookup imap(String mapName) {
        return new AnchorLookup() {
            private static final long serialVersionUID = 1L;

            @Override
            public Anchor latest(HazelcastInstance member) {
                IMap<Long, Anchor> anchors = member.getMap(mapName);
                if (anchors.isEmpty()) {
                    return null;
                }
                Long newest = anchors.aggregate(Aggregators.comparableMax("__key"));
                return newest == null ? null : anchors.get(newest);
            }

            @Override
            public Anchor claim(HazelcastInstance member, Anchor anchor) {
                IMap<Long, Anchor> anchors = member.getMap(mapName);
                return anchors.putIfAbsent(anchor.sequence(), anchor);
            }
        };
    }
}
