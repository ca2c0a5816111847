package io.certeus.core.verify;

import io.certeus.core.model.LedgerEntry;

/**
 * A ledger entry as a store holds it: the entry, the hash version its row declares, and the field
 * digests stored beside it ({@code null} for rows written without them).
 *
 * <p>Immutable; the digest array is not copied and must not be changed.
 */
public record StoredEntry(LedgerEntry entry, int hashVersion, byte[] fieldDigests) {
}
