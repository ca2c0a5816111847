package io.certeus.core.hash;

import io.certeus.core.model.Event;

import java.security.MessageDigest;

/**
 * Computes entry hashes, shard-head leaf hashes and anchor hashes from the canonical encodings,
 * reusing one buffer and one digest.
 *
 * <p>Not thread-safe: one instance per thread (or per Jet processor).
 */
public final class LedgerHasher {
    private final CanonicalEncoder encoder = new CanonicalEncoder();
    private final MessageDigest sha256 = Hashes.newSha256();

    /** SHA-256 of the entry's canonical encoding. */
    public byte[] entryHash(int shard, long position, byte[] prevHash, Event event) {
        int length = encoder.encodeEntry(shard, position, prevHash, event);
        sha256.update(encoder.array(), 0, length);
        return sha256.digest();
    }

    /** RFC 6962 leaf hash of a shard head: SHA-256(0x00 | head encoding). */
    public byte[] shardHeadLeafHash(int shard, long size, byte[] headHash) {
        int length = encoder.encodeShardHead(shard, size, headHash);
        sha256.update(CanonicalEncoding.MERKLE_LEAF_PREFIX);
        sha256.update(encoder.array(), 0, length);
        return sha256.digest();
    }

    /** SHA-256 of the anchor's canonical encoding. */
    public byte[] anchorHash(long sequence, long anchoredAtMicros, int shardCount, byte[] merkleRoot, byte[] prevAnchorHash) {
        int length = encoder.encodeAnchor(sequence, anchoredAtMicros, shardCount, merkleRoot, prevAnchorHash);
        sha256.update(encoder.array(), 0, length);
        return sha256.digest();
    }
}
