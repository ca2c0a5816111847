package io.certeus.core.sign;

import io.certeus.core.hash.Hashes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 signatures over anchors (the JDK's EdDSA; docs/HASHING.md, "Anchor signatures"). A member
 * signs each anchor it stores with the operator's private key; anyone holding the public key checks
 * it, so whoever controls only the database cannot forge an anchor. What is signed:
 *
 * <pre>
 *   "CERTEUS-ANCHOR-SIGNATURE-v1" (27 ASCII bytes) | 0x00 | sequence (int64, big-endian) | anchorHash (32 bytes)
 * </pre>
 *
 * A key is named by its id: the SHA-256 of its X.509 SubjectPublicKeyInfo encoding, in lower-case
 * hex, so an anchor names the key that signed it and keys can be rotated. Keys are read as PEM
 * ({@code BEGIN PRIVATE KEY} PKCS#8, {@code BEGIN PUBLIC KEY} X.509) or as the same structures in DER,
 * which is what {@code openssl genpkey -algorithm ed25519} and {@code certeus keys generate} write.
 *
 * <p>Thread-safe: stateless (each call creates its own {@link Signature}).
 */
public final class AnchorSigning {
    public static final String ALGORITHM = "Ed25519";
    private static final byte[] DOMAIN = "CERTEUS-ANCHOR-SIGNATURE-v1\0".getBytes(StandardCharsets.US_ASCII);

    private AnchorSigning() {
    }

    /** The bytes signed for anchor {@code sequence} with hash {@code anchorHash}. */
    public static byte[] message(long sequence, byte[] anchorHash) {
        if (anchorHash.length != Hashes.HASH_BYTES) {
            throw new IllegalArgumentException("anchor hash must be 32 bytes: length=" + anchorHash.length);
        }
        return ByteBuffer.allocate(DOMAIN.length + Long.BYTES + Hashes.HASH_BYTES).put(DOMAIN).putLong(sequence)
                .put(anchorHash).array();
    }

    public static byte[] sign(PrivateKey key, long sequence, byte[] anchorHash) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(message(sequence, anchorHash));
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("anchor signing failed: sequence=" + sequence + ", algorithm=" + ALGORITHM, e);
        }
    }

    /** Whether {@code signature} is {@code key}'s signature of the anchor; false for any malformed input. */
    public static boolean verify(PublicKey key, long sequence, byte[] anchorHash, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message(sequence, anchorHash));
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The key's id: lower-case hex SHA-256 of its X.509 encoding. */
    public static String keyId(PublicKey key) {
        return Hashes.hex(Hashes.sha256(key.getEncoded()));
    }

    /** A new key pair (for {@code certeus keys generate} and tests). */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no " + ALGORITHM + " in this JDK", e);
        }
    }

    /** A public key from PEM ({@code BEGIN PUBLIC KEY}) or DER X.509 bytes. */
    public static PublicKey publicKey(byte[] pemOrDer) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pemOrDer, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an " + ALGORITHM + " public key (X.509 SubjectPublicKeyInfo, PEM or DER): "
                    + e.getMessage(), e);
        }
    }

    /** A private key from PEM ({@code BEGIN PRIVATE KEY}) or DER PKCS#8 bytes. */
    public static PrivateKey privateKey(byte[] pemOrDer) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pemOrDer, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an " + ALGORITHM + " private key (PKCS#8, PEM or DER): " + e.getMessage(), e);
        }
    }

    /** Whether {@code publicKey} is the public half of {@code privateKey}: signs and checks a probe. */
    public static boolean pairMatches(PrivateKey privateKey, PublicKey publicKey) {
        byte[] probe = new byte[Hashes.HASH_BYTES];
        return verify(publicKey, -1, probe, sign(privateKey, -1, probe));
    }

    public static String pem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(byte[] pemOrDer, String label) {
        String text = new String(pemOrDer, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        int start = text.indexOf(begin);
        if (start < 0) {
            return pemOrDer;
        }
        int end = text.indexOf("-----END " + label + "-----", start);
        if (end < 0) {
            throw new IllegalArgumentException("PEM block not closed: label=" + label);
        }
        return Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
    }
}
