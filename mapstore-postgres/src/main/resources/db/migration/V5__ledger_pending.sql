-- Ledger rows that reached PostgreSQL before an earlier position of their shard: committed, but kept
-- out of ledger_entry so that ledger_entry always holds a prefix of every shard's chain (what verify
-- checks and what anchors and durable acknowledgements rely on). The store moves them in, in
-- position order, as soon as the positions before them arrive (docs/POSTGRES.md, "Prefix order").
-- Normally empty; rows left below a shard's end after a full restart are events the grid
-- acknowledged but lost before PostgreSQL had the rows before them.
CREATE TABLE IF NOT EXISTS ledger_pending (LIKE ledger_entry INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE ledger_pending ADD CONSTRAINT ledger_pending_pkey PRIMARY KEY (shard, position);
