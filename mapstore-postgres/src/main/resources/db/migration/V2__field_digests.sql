-- Per-field CRC32C checksums of each entry's event fields (io.certeus.core.hash.FieldDigests):
-- not part of the hash, only a locator, so the offline verifier can name the field of a row whose
-- hash no longer recomputes. 36 bytes per row; NULL for rows written before this column existed.
ALTER TABLE ledger_entry ADD COLUMN field_digests bytea;
ALTER TABLE ledger_fork ADD COLUMN field_digests bytea;
