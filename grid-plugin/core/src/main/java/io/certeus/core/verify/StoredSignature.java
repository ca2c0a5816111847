package io.certeus.core.verify;

/**
 * A signature a store holds for an anchor: over anchor {@code sequence} with {@code anchorHash}, by
 * the Ed25519 key {@code publicKey} (X.509 encoding) whose id is {@code keyId}.
 *
 * <p>Immutable; the arrays are not copied and must not be changed.
 */
public record StoredSignature(long sequence, byte[] anchorHash, String keyId, byte[] publicKey, byte[] signature) {
}
