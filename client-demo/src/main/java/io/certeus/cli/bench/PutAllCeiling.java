package io.certeus.cli.bench;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.Pipelining;
import com.hazelcast.map.IMap;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * The grid's raw write ceiling from this client: {@code putAll} of event-sized byte[] values, in
 * batches, into {@link #MAP_NAME} (configured like the ingest map: backup-count 1, BINARY, event
 * journal), with a few batches in flight; the map is destroyed afterwards.
 *
 * <p>Not thread-safe: one measurement at a time.
 */
public final class PutAllCeiling {
    /** Matches {@code certeus-bench-ceiling*} in config/hazelcast.yaml. */
    public static final String MAP_NAME = "certeus-bench-ceiling";
    /** Entries per {@code putAll}. */
    public static final int BATCH_ENTRIES = 1_000;
    /** {@code putAll} calls in flight at once. */
    public static final int BATCHES_IN_FLIGHT = 4;

    private PutAllCeiling() {
    }

    /** Entries per second. */
    public static double measure(HazelcastInstance hazelcast, long entries, int valueBytes) throws Exception {
        if (entries < BATCH_ENTRIES || valueBytes < 1) {
            throw new IllegalArgumentException("putAll ceiling too small: entries=" + entries + ", valueBytes=" + valueBytes
                    + ", minEntries=" + BATCH_ENTRIES);
        }
        byte[] value = new byte[valueBytes];
        new Random(11).nextBytes(value);
        IMap<Long, byte[]> map = hazelcast.getMap(MAP_NAME);
        map.clear();
        try {
            Pipelining<Void> inFlight = new Pipelining<>(BATCHES_IN_FLIGHT);
            long startNs = System.nanoTime();
            for (long next = 0; next < entries; ) {
                Map<Long, byte[]> batch = new HashMap<>(BATCH_ENTRIES * 2);
                for (int i = 0; i < BATCH_ENTRIES && next < entries; i++) {
                    batch.put(next++, value);
                }
                inFlight.add(map.putAllAsync(batch));
            }
            inFlight.results();
            return entries / ((System.nanoTime() - startNs) / 1e9);
        } finally {
            map.destroy();
        }
    }
}
