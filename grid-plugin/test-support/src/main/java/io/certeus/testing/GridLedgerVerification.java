package io.certeus.testing;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.certeus.core.MapNames;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.core.verify.LedgerVerifier;
import io.certeus.core.verify.VerificationResult;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Verifies the ledger and anchor maps of a running grid with {@link LedgerVerifier}: reads each
 * shard's entries in position order, {@code batchSize} keys per {@code getAll}, until a position is
 * missing.
 *
 * <p>Thread-safe: stateless; each call verifies independently.
 */
public final class GridLedgerVerification {
    private GridLedgerVerification() {
    }

    public static VerificationResult verify(HazelcastInstance instance, int batchSize) {
        IMap<Long, Anchor> anchors = instance.getMap(MapNames.ANCHORS);
        LedgerVerifier verifier = new LedgerVerifier(anchors.values());
        IMap<LedgerKey, LedgerEntry> ledger = instance.getMap(MapNames.LEDGER);
        for (int shard = 0; shard < Shards.SHARD_COUNT; shard++) {
            long position = 0;
            boolean more = true;
            while (more) {
                Set<LedgerKey> keys = new HashSet<>();
                for (int i = 0; i < batchSize; i++) {
                    keys.add(new LedgerKey(shard, position + i));
                }
                Map<LedgerKey, LedgerEntry> found = ledger.getAll(keys);
                for (int i = 0; i < batchSize; i++) {
                    LedgerEntry entry = found.get(new LedgerKey(shard, position + i));
                    if (entry == null) {
                        more = false;
                        break;
                    }
                    if (!verifier.accept(entry)) {
                        return verifier.finish();
                    }
                }
                position += batchSize;
            }
        }
        return verifier.finish();
    }
}
