package io.certeus.core.protocol;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.certeus.core.shard.Shards;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;

/**
 * Each shard's durable size: how many of its entries PostgreSQL holds, always positions 0 to
 * size - 1 (the stores write a shard's rows in position order), counted only once committed. An
 * entry at (shard, position) is durable when {@code position < size(shard)}. One grid entry, a long
 * per shard, in map {@link io.certeus.core.MapNames#DURABLE} under {@link #KEY}: the members' ledger
 * store raises it after each commit, clients read it to complete appends that asked for
 * PostgreSQL durability. Sizes only ever rise, whichever member publishes and in whatever order.
 *
 * <p>Thread-safe: stateless.
 */
public final class DurableSizes {
    /** The one key of the durable map. */
    public static final String KEY = "ledger";

    private DurableSizes() {
    }

    /** The sizes the grid knows, indexed by shard; all zero when none were published yet. */
    public static long[] read(IMap<String, long[]> durable) {
        long[] sizes = durable.get(KEY);
        return sizes == null ? new long[Shards.SHARD_COUNT] : sizes;
    }

    /** Raises the published sizes to at least {@code sizes} (shard -> size); lower values are ignored. */
    public static void raise(IMap<String, long[]> durable, Map<Integer, Long> sizes) {
        if (sizes.isEmpty()) {
            return;
        }
        int[] shards = new int[sizes.size()];
        long[] values = new long[sizes.size()];
        int i = 0;
        for (Map.Entry<Integer, Long> size : sizes.entrySet()) {
            shards[i] = size.getKey();
            values[i] = size.getValue();
            i++;
        }
        durable.submitToKey(KEY, new Raise(shards, values));
    }

    /** Runs on the entry's owner (and its backups): element-wise maximum. */
    static final class Raise implements EntryProcessor<String, long[], Void>, Serializable {
        private static final long serialVersionUID = 1L;

        private final int[] shards;
        private final long[] sizes;

        Raise(int[] shards, long[] sizes) {
            this.shards = shards;
            this.sizes = sizes;
        }

        @Override
        public Void process(Map.Entry<String, long[]> entry) {
            long[] current = entry.getValue();
            long[] raised = current == null ? new long[Shards.SHARD_COUNT] : Arrays.copyOf(current, Shards.SHARD_COUNT);
            boolean changed = current == null;
            for (int i = 0; i < shards.length; i++) {
                if (shards[i] >= 0 && shards[i] < raised.length && sizes[i] > raised[shards[i]]) {
                    raised[shards[i]] = sizes[i];
                    changed = true;
                }
            }
            if (changed) {
                entry.setValue(raised);
            }
            return null;
        }
    }
}
