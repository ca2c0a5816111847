package io.certeus.core.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 helpers shared by chain hashing, Merkle trees and verification.
 *
 * <p>Thread-safe: stateless; {@link #newSha256()} hands out a fresh digest per caller.
 */
public final class Hashes {
    public static final int HASH_BYTES = 32;

    /** The predecessor hash of position 0 and the head hash of an empty shard. Never modify. */
    public static final byte[] ZERO_HASH = new byte[HASH_BYTES];

    private static final HexFormat HEX = HexFormat.of();

    private Hashes() {
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    public static byte[] sha256(byte[] bytes) {
        return newSha256().digest(bytes);
    }

    public static String hex(byte[] bytes) {
        return bytes == null ? "null" : HEX.formatHex(bytes);
    }

    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }
}
