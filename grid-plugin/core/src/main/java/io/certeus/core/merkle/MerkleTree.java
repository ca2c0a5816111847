package io.certeus.core.merkle;

import io.certeus.core.hash.CanonicalEncoding;
import io.certeus.core.hash.Hashes;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 6962 (section 2.1) Merkle tree hashing over already computed leaf hashes: tree root,
 * audit path for one leaf, and verification of an audit path (the algorithm of RFC 9162, 2.1.3.2).
 *
 * <p>The root is built level by level, pairing neighbours and carrying an odd last node up
 * unchanged, which yields exactly the RFC's split at the largest power of two below n.
 *
 * <p>Thread-safe: stateless; every call uses its own digest.
 */
public final class MerkleTree {
    private MerkleTree() {
    }

    /** Node hash: SHA-256(0x01 | left | right). */
    public static byte[] nodeHash(MessageDigest sha256, byte[] left, byte[] right) {
        sha256.update(CanonicalEncoding.MERKLE_NODE_PREFIX);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    /** Leaf hash: SHA-256(0x00 | leafInput). */
    public static byte[] leafHash(byte[] leafInput) {
        MessageDigest sha256 = Hashes.newSha256();
        sha256.update(CanonicalEncoding.MERKLE_LEAF_PREFIX);
        sha256.update(leafInput);
        return sha256.digest();
    }

    /** Root over the given leaf hashes; the empty tree's root is SHA-256 of nothing. */
    public static byte[] root(List<byte[]> leafHashes) {
        MessageDigest sha256 = Hashes.newSha256();
        if (leafHashes.isEmpty()) {
            return sha256.digest();
        }
        byte[][] level = leafHashes.toArray(new byte[0][]);
        int width = level.length;
        while (width > 1) {
            int next = 0;
            for (int i = 0; i + 1 < width; i += 2) {
                level[next++] = nodeHash(sha256, level[i], level[i + 1]);
            }
            if ((width & 1) == 1) {
                level[next++] = level[width - 1];
            }
            width = next;
        }
        return level[0];
    }

    /**
     * Audit path of leaf {@code index}: sibling hashes from the leaf level up to the root.
     */
    public static List<byte[]> auditPath(int index, List<byte[]> leafHashes) {
        int size = leafHashes.size();
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index out of range: index=" + index + ", size=" + size);
        }
        MessageDigest sha256 = Hashes.newSha256();
        List<byte[]> path = new ArrayList<>();
        byte[][] level = leafHashes.toArray(new byte[0][]);
        int width = size;
        int position = index;
        while (width > 1) {
            int sibling = position ^ 1;
            if (sibling < width) {
                path.add(level[sibling]);
            }
            int next = 0;
            for (int i = 0; i + 1 < width; i += 2) {
                level[next++] = nodeHash(sha256, level[i], level[i + 1]);
            }
            if ((width & 1) == 1) {
                level[next++] = level[width - 1];
            }
            width = next;
            position >>= 1;
        }
        return path;
    }

    /**
     * Verifies that {@code leafHash} is leaf {@code index} of a tree of {@code size} leaves with root
     * {@code expectedRoot}.
     */
    public static boolean verifyInclusion(int index, int size, byte[] leafHash, List<byte[]> path, byte[] expectedRoot) {
        if (index < 0 || index >= size) {
            return false;
        }
        MessageDigest sha256 = Hashes.newSha256();
        long fn = index;
        long sn = size - 1L;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(sha256, p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(sha256, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, expectedRoot);
    }
}
