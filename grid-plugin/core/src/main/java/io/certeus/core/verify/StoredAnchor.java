package io.certeus.core.verify;

import io.certeus.core.model.Anchor;

/**
 * An anchor row as a store holds it: the anchor, and the hash version and shard count the row
 * declares; or, for a row that does not decode into an anchor, {@code anchor} is {@code null},
 * {@code undecodableField} names the field at fault and {@code undecodableReason} says why.
 *
 * <p>Immutable.
 */
public record StoredAnchor(long sequence, Anchor anchor, int hashVersion, int declaredShardCount, String undecodableField,
        String undecodableReason) {
    /** A row that decoded. */
    public static StoredAnchor decoded(Anchor anchor, int hashVersion, int declaredShardCount) {
        return new StoredAnchor(anchor.sequence(), anchor, hashVersion, declaredShardCount, null, null);
    }

    /** A row that did not decode. */
    public static StoredAnchor undecodable(long sequence, int hashVersion, int declaredShardCount, String field, String reason) {
        return new StoredAnchor(sequence, null, hashVersion, declaredShardCount, field, reason);
    }
}
