package io.certeus.core.verify;

import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.sign.AnchorSigning;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The signature rules for anchors (docs/HASHING.md, "Anchor signatures"):
 * <ul>
 *   <li>every stored signature verifies with the key it names, and that key has the id it is stored under;</li>
 *   <li>no signature by a trusted key covers another hash for an anchor's sequence (that anchor was
 *       rewritten), unless the stored anchor is signed by a trusted key too (then the other was signed
 *       and never stored: counted, see {@link #signedButNeverStored});</li>
 *   <li>with trusted keys given, every anchor carries a signature by one of them.</li>
 * </ul>
 * Without trusted keys only the first two hold: a database administrator can re-sign with a key of
 * their own, which only a key obtained apart from the database ({@code --trusted-key}) exposes.
 *
 * <p>Not thread-safe: one check per instance.
 */
public final class AnchorSignatureCheck {
    private final Map<String, PublicKey> trusted = new HashMap<>();
    private final TreeSet<String> signingKeys = new TreeSet<>();
    private long signedAnchors;
    private long signedButNeverStored;

    public AnchorSignatureCheck(Collection<PublicKey> trustedKeys) {
        trustedKeys.forEach(key -> trusted.put(AnchorSigning.keyId(key), key));
    }

    /** The first anchor whose signatures break a rule, or {@code null}. */
    public VerificationFailure check(List<Anchor> anchors, List<StoredSignature> signatures) {
        Map<Long, List<StoredSignature>> bySequence = new HashMap<>();
        for (StoredSignature signature : signatures) {
            VerificationFailure bad = checkItself(signature);
            if (bad != null) {
                return bad;
            }
            bySequence.computeIfAbsent(signature.sequence(), s -> new ArrayList<>()).add(signature);
        }
        for (Anchor anchor : anchors) {
            boolean signedByTrusted = false;
            boolean signed = false;
            StoredSignature trustedOverAnotherHash = null;
            for (StoredSignature signature : bySequence.getOrDefault(anchor.sequence(), List.of())) {
                boolean trustedKey = trusted.containsKey(signature.keyId());
                if (!Arrays.equals(signature.anchorHash(), anchor.anchorHash())) {
                    if (trustedKey) {
                        trustedOverAnotherHash = signature;
                    }
                    continue;
                }
                signed = true;
                signedByTrusted |= trustedKey;
                signingKeys.add(signature.keyId());
            }
            if (trustedOverAnotherHash != null) {
                if (!signedByTrusted) {
                    return VerificationFailure.anchor(anchor.sequence(), VerificationFailure.NO_SHARD, "anchorHash",
                            "a trusted key signed another hash for this sequence: the anchor was rewritten; signedHash="
                                    + Hashes.hex(trustedOverAnotherHash.anchorHash()) + ", keyId=" + trustedOverAnotherHash.keyId());
                }
                // Both hashes signed by the members: the other anchor was signed, then never stored
                // (a crash between the signature's commit and the anchor's), and the restarted job
                // anchored this sequence again. No forger can sign the stored one.
                signedButNeverStored++;
            }
            if (signed) {
                signedAnchors++;
            }
            if (!trusted.isEmpty() && !signedByTrusted) {
                return VerificationFailure.anchor(anchor.sequence(), VerificationFailure.NO_SHARD, "signature",
                        signed ? "not signed by a trusted key: signedBy=" + signersOf(bySequence.get(anchor.sequence()))
                                : "anchor is not signed");
            }
        }
        return null;
    }

    private static VerificationFailure checkItself(StoredSignature signature) {
        PublicKey key;
        try {
            key = AnchorSigning.publicKey(signature.publicKey());
        } catch (IllegalArgumentException e) {
            return VerificationFailure.anchor(signature.sequence(), VerificationFailure.NO_SHARD, "signature",
                    "stored public key does not decode: keyId=" + signature.keyId());
        }
        if (!AnchorSigning.keyId(key).equals(signature.keyId())) {
            return VerificationFailure.anchor(signature.sequence(), VerificationFailure.NO_SHARD, "signature",
                    "stored key id is not the key's: keyId=" + signature.keyId() + ", actual=" + AnchorSigning.keyId(key));
        }
        if (!AnchorSigning.verify(key, signature.sequence(), signature.anchorHash(), signature.signature())) {
            return VerificationFailure.anchor(signature.sequence(), VerificationFailure.NO_SHARD, "signature",
                    "signature does not verify with the key it names: keyId=" + signature.keyId());
        }
        return null;
    }

    private static List<String> signersOf(List<StoredSignature> signatures) {
        List<String> ids = new ArrayList<>();
        signatures.forEach(signature -> ids.add(signature.keyId()));
        return ids;
    }

    /** Anchors carrying at least one valid signature over their own hash. */
    public long signedAnchors() {
        return signedAnchors;
    }

    /**
     * Sequences whose stored anchor is signed by a trusted key and that also carry a trusted
     * signature over another hash: an anchor signed and then lost in a crash before it was stored.
     */
    public long signedButNeverStored() {
        return signedButNeverStored;
    }

    /** Ids of the keys that signed them. */
    public TreeSet<String> signingKeys() {
        return signingKeys;
    }

    /** Whether trusted keys were given (the check then proves origin, not only consistency). */
    public boolean pinned() {
        return !trusted.isEmpty();
    }
}
