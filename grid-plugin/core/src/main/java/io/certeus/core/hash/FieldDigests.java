package io.certeus.core.hash;

import io.certeus.core.model.LedgerEntry;

import java.util.zip.CRC32C;

/**
 * Per-field CRC32C checksums of an entry's event fields, taken over each field's bytes in the
 * canonical encoding. They are not part of the hash: the entry hash detects any change, these
 * only say where it is. Stored beside each PostgreSQL row, they let the offline verifier name the
 * damaged field ({@code payload}, {@code actor}, ...) of a row whose hash no longer recomputes.
 *
 * <pre>
 * digests = CRC32C(field 0) | CRC32C(field 1) | ... | CRC32C(field 8), each u32 big-endian (36 bytes),
 * fields in the order of {@link CanonicalEncoder#ENTRY_EVENT_FIELDS}.
 * </pre>
 *
 * <p>Not thread-safe: holds an encoder and a checksum; one instance per thread.
 */
public final class FieldDigests {
    public static final int LENGTH = CanonicalEncoder.ENTRY_EVENT_FIELDS.length * Integer.BYTES;

    private final CanonicalEncoder encoder = new CanonicalEncoder();
    private final CRC32C crc = new CRC32C();

    /** Writes the digests of {@code entry} into {@code out} (at least {@link #LENGTH} bytes). */
    public void digest(LedgerEntry entry, byte[] out) {
        encoder.encodeEntry(entry.shard(), entry.position(), entry.prevHash(), entry.event());
        byte[] encoded = encoder.array();
        for (int field = 0; field < CanonicalEncoder.ENTRY_EVENT_FIELDS.length; field++) {
            crc.reset();
            int start = encoder.entryFieldStart(field);
            crc.update(encoded, start, encoder.entryFieldEnd(field) - start);
            int value = (int) crc.getValue();
            int at = field * Integer.BYTES;
            out[at] = (byte) (value >>> 24);
            out[at + 1] = (byte) (value >>> 16);
            out[at + 2] = (byte) (value >>> 8);
            out[at + 3] = (byte) value;
        }
    }

    public byte[] digest(LedgerEntry entry) {
        byte[] out = new byte[LENGTH];
        digest(entry, out);
        return out;
    }

    /**
     * The first event field whose stored digest no longer matches the entry, or {@code null} when
     * all match (or nothing usable was stored).
     */
    public String firstChangedField(LedgerEntry entry, byte[] storedDigests) {
        if (storedDigests == null || storedDigests.length != LENGTH) {
            return null;
        }
        byte[] current = digest(entry);
        for (int field = 0; field < CanonicalEncoder.ENTRY_EVENT_FIELDS.length; field++) {
            int at = field * Integer.BYTES;
            if (current[at] != storedDigests[at] || current[at + 1] != storedDigests[at + 1]
                    || current[at + 2] != storedDigests[at + 2] || current[at + 3] != storedDigests[at + 3]) {
                return CanonicalEncoder.ENTRY_EVENT_FIELDS[field];
            }
        }
        return null;
    }
}
