-- Rejected records are bounded (io.certeus.core.model.RejectedEvent#bounded): oversize fields keep a
-- prefix, and this column names each cut field with its full length and the SHA-256 of its full
-- value ("payload bytes=5242880 sha256=<hex>; caseId chars=300 sha256=<hex>"). NULL when nothing was cut.
ALTER TABLE rejected_event ADD COLUMN cut_fields text;
