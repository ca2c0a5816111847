package io.certeus.core.shard;

import com.hazelcast.internal.util.HashUtil;

import java.nio.charset.StandardCharsets;

/**
 * Maps a case to its shard: the Hazelcast partition that owns the case id under
 * {@link #SHARD_COUNT} partitions, computed the way members compute it (MurmurHash3 over the
 * serialized string, then {@code hashToIndex}), so clients, jobs and offline tools agree without
 * asking a cluster. {@code ShardMappingIT} checks this against a live 1000-partition grid.
 *
 * <p>Each shard also has a short pinning key, a string that hashes to that very partition, which
 * {@link ShardKey}s return as their partition key so that every key of a shard lives on its partition.
 *
 * <p>Thread-safe: immutable tables built once at class load.
 */
public final class Shards {
    /** The cluster's partition count, fixed by design ({@code hazelcast.partition.count}). */
    public static final int SHARD_COUNT = 1000;

    private static final String[] PINNING_KEYS = buildPinningKeys();

    private Shards() {
    }

    /** The shard (partition id) of a case under {@link #SHARD_COUNT} partitions. */
    public static int shardOf(String caseId) {
        return partitionOf(caseId, SHARD_COUNT);
    }

    /** The partition id Hazelcast assigns to a String key under {@code partitionCount} partitions. */
    public static int partitionOf(String key, int partitionCount) {
        // A serialized String's payload (what Hazelcast hashes) is: int32 byte length, then UTF-8 bytes.
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[4 + utf8.length];
        payload[0] = (byte) (utf8.length >>> 24);
        payload[1] = (byte) (utf8.length >>> 16);
        payload[2] = (byte) (utf8.length >>> 8);
        payload[3] = (byte) utf8.length;
        System.arraycopy(utf8, 0, payload, 4, utf8.length);
        int hash = HashUtil.MurmurHash3_x86_32(payload, 0, payload.length);
        return HashUtil.hashToIndex(hash, partitionCount);
    }

    /** A string key that Hazelcast places on partition {@code shard}. */
    public static String pinningKey(int shard) {
        return PINNING_KEYS[shard];
    }

    public static void checkShard(int shard) {
        if (shard < 0 || shard >= SHARD_COUNT) {
            throw new IllegalArgumentException("shard out of range: shard=" + shard + ", shardCount=" + SHARD_COUNT);
        }
    }

    private static String[] buildPinningKeys() {
        String[] keys = new String[SHARD_COUNT];
        int found = 0;
        for (int i = 0; found < SHARD_COUNT; i++) {
            String candidate = "s" + i;
            int partition = partitionOf(candidate, SHARD_COUNT);
            if (keys[partition] == null) {
                keys[partition] = candidate;
                found++;
            }
        }
        return keys;
    }
}
