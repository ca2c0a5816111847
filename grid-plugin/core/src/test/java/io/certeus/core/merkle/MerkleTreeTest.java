package io.certeus.core.merkle;

import io.certeus.core.hash.Hashes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MerkleTreeTest {

    /** The RFC 6962 definition, written recursively and independently of the implementation. */
    private static byte[] referenceRoot(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return Hashes.sha256(new byte[0]);
        }
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return node(referenceRoot(leaves.subList(0, k)), referenceRoot(leaves.subList(k, leaves.size())));
    }

    /** RFC 6962 PATH(m, D[n]). */
    private static List<byte[]> referencePath(int m, List<byte[]> leaves) {
        List<byte[]> path = new ArrayList<>();
        if (leaves.size() <= 1) {
            return path;
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        if (m < k) {
            path.addAll(referencePath(m, leaves.subList(0, k)));
            path.add(referenceRoot(leaves.subList(k, leaves.size())));
        } else {
            path.addAll(referencePath(m - k, leaves.subList(k, leaves.size())));
            path.add(referenceRoot(leaves.subList(0, k)));
        }
        return path;
    }

    private static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha256 = Hashes.newSha256();
        sha256.update((byte) 1);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    private static List<byte[]> randomLeaves(Random random, int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] input = new byte[1 + random.nextInt(40)];
            random.nextBytes(input);
            leaves.add(MerkleTree.leafHash(input));
        }
        return leaves;
    }

    @Test
    void matchesRfc6962KnownVectors() {
        // Leaves and roots from the certificate-transparency reference test vectors (RFC 6962 test data).
        String[] inputs = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
        String[] roots = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        };
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            leaves.add(MerkleTree.leafHash(Hashes.fromHex(inputs[i])));
            assertThat(Hashes.hex(MerkleTree.root(leaves))).as("root of %d leaves", i + 1).isEqualTo(roots[i]);
        }
    }

    @Test
    void emptyTreeRootIsHashOfNothing() {
        assertThat(Hashes.hex(MerkleTree.root(List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void rootAndPathsAgreeWithReferenceOnRandomTrees() {
        Random random = new Random(6962);
        for (int n = 1; n <= 70; n++) {
            List<byte[]> leaves = randomLeaves(random, n);
            byte[] root = MerkleTree.root(leaves);
            assertThat(root).as("root, n=%d", n).isEqualTo(referenceRoot(leaves));
            for (int m = 0; m < n; m++) {
                List<byte[]> path = MerkleTree.auditPath(m, leaves);
                List<byte[]> expected = referencePath(m, leaves);
                assertThat(path).as("path, n=%d, m=%d", n, m).containsExactlyElementsOf(expected);
                assertThat(MerkleTree.verifyInclusion(m, n, leaves.get(m), path, root)).as("verify n=%d m=%d", n, m).isTrue();
            }
        }
    }

    @Test
    void thousandLeafTreeAsUsedByAnchorsVerifiesEveryLeaf() {
        List<byte[]> leaves = randomLeaves(new Random(1000), 1000);
        byte[] root = MerkleTree.root(leaves);
        assertThat(root).isEqualTo(referenceRoot(leaves));
        for (int m = 0; m < 1000; m += 37) {
            assertThat(MerkleTree.verifyInclusion(m, 1000, leaves.get(m), MerkleTree.auditPath(m, leaves), root)).isTrue();
        }
    }

    @Test
    void rejectsTamperedProofs() {
        List<byte[]> leaves = randomLeaves(new Random(7), 13);
        byte[] root = MerkleTree.root(leaves);
        List<byte[]> path = MerkleTree.auditPath(5, leaves);

        assertThat(MerkleTree.verifyInclusion(6, 13, leaves.get(5), path, root)).as("wrong index").isFalse();
        assertThat(MerkleTree.verifyInclusion(5, 20, leaves.get(5), path, root)).as("wrong size").isFalse();
        assertThat(MerkleTree.verifyInclusion(5, 13, leaves.get(4), path, root)).as("wrong leaf").isFalse();
        assertThat(MerkleTree.verifyInclusion(5, 13, leaves.get(5), path.subList(0, path.size() - 1), root))
                .as("short path").isFalse();
        List<byte[]> longer = new ArrayList<>(path);
        longer.add(root);
        assertThat(MerkleTree.verifyInclusion(5, 13, leaves.get(5), longer, root)).as("long path").isFalse();
        List<byte[]> flipped = new ArrayList<>(path);
        byte[] first = flipped.get(0).clone();
        first[0] ^= 1;
        flipped.set(0, first);
        assertThat(MerkleTree.verifyInclusion(5, 13, leaves.get(5), flipped, root)).as("flipped bit").isFalse();
        assertThat(MerkleTree.verifyInclusion(13, 13, leaves.get(5), path, root)).as("index = size").isFalse();
    }

    @Test
    void leafHashUsesZeroPrefix() {
        byte[] input = "leaf".getBytes(StandardCharsets.US_ASCII);
        byte[] prefixed = new byte[input.length + 1];
        System.arraycopy(input, 0, prefixed, 1, input.length);
        assertThat(MerkleTree.leafHash(input)).isEqualTo(Hashes.sha256(prefixed));
    }
}
