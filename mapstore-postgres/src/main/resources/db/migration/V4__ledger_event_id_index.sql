-- The ledger job's idempotency check looks up eventIds it no longer holds in memory (a resend after
-- the grid evicted the original, a resubmitted job replaying its journal); receipts of archived
-- events use it too. Not unique: the table keeps what the grid wrote, and verify reports duplicates.
-- On an existing large ledger this build blocks the stores' COPY while it runs: create the index
-- CONCURRENTLY beforehand (docs/POSTGRES.md, "Upgrading"), and this statement does nothing.
CREATE INDEX IF NOT EXISTS ledger_entry_event_id_idx ON ledger_entry (event_id);
