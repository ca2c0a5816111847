-- CERTEUS ledger schema, version 1. Unqualified names: Flyway runs this in the configured schema
-- (certeus.pg.schema). See docs/POSTGRES.md for every column and the index choices.

-- One row per (shard, position): the chained ledger. Everything the entry hash covers is here, byte-exact:
-- text columns hold validated UTF-8, the payload its exact bytes (bytea, never jsonb), times are
-- timestamptz (microsecond precision, exactly the micros the event carries).
CREATE TABLE ledger_entry (
    shard          integer     NOT NULL,
    position       bigint      NOT NULL,
    hash_version   smallint    NOT NULL,
    event_id       uuid        NOT NULL,
    case_id        text        NOT NULL,
    event_type     text        NOT NULL,
    actor          text        NOT NULL,
    source_ip      text,
    document_hash  bytea,
    payload        bytea       NOT NULL,
    occurred_at    timestamptz NOT NULL,
    ingested_at    timestamptz NOT NULL,
    prev_hash      bytea       NOT NULL,
    hash           bytea       NOT NULL,
    CONSTRAINT ledger_entry_pk PRIMARY KEY (shard, position)
);

-- A case's history: all its events are in one shard, so (case_id, position) returns them in chain order.
CREATE INDEX ledger_entry_case_idx ON ledger_entry (case_id, position);

-- Evidence of forks: a write for an existing (shard, position) that carried a different hash. The
-- original row is never overwritten; the refused version is kept here whole, with the hash it clashed with.
CREATE TABLE ledger_fork (
    shard          integer     NOT NULL,
    position       bigint      NOT NULL,
    hash_version   smallint    NOT NULL,
    event_id       uuid        NOT NULL,
    case_id        text        NOT NULL,
    event_type     text        NOT NULL,
    actor          text        NOT NULL,
    source_ip      text,
    document_hash  bytea,
    payload        bytea       NOT NULL,
    occurred_at    timestamptz NOT NULL,
    ingested_at    timestamptz NOT NULL,
    prev_hash      bytea       NOT NULL,
    hash           bytea       NOT NULL,
    existing_hash  bytea       NOT NULL,
    detected_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ledger_fork_pk PRIMARY KEY (shard, position, hash)
);

-- Merkle checkpoints over all shard heads. shard_sizes: 8 bytes per shard, big-endian;
-- head_hashes: 32 bytes per shard, concatenated in shard order.
CREATE TABLE anchor (
    sequence          bigint      NOT NULL,
    hash_version      smallint    NOT NULL,
    anchored_at       timestamptz NOT NULL,
    shard_count       integer     NOT NULL,
    merkle_root       bytea       NOT NULL,
    prev_anchor_hash  bytea       NOT NULL,
    anchor_hash       bytea       NOT NULL,
    shard_sizes       bytea       NOT NULL,
    head_hashes       bytea       NOT NULL,
    CONSTRAINT anchor_pk PRIMARY KEY (sequence)
);

CREATE TABLE anchor_fork (
    sequence              bigint      NOT NULL,
    hash_version          smallint    NOT NULL,
    anchored_at           timestamptz NOT NULL,
    shard_count           integer     NOT NULL,
    merkle_root           bytea       NOT NULL,
    prev_anchor_hash      bytea       NOT NULL,
    anchor_hash           bytea       NOT NULL,
    shard_sizes           bytea       NOT NULL,
    head_hashes           bytea       NOT NULL,
    existing_anchor_hash  bytea       NOT NULL,
    detected_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT anchor_fork_pk PRIMARY KEY (sequence, anchor_hash)
);

-- Events the validate stage refused. They may carry anything: times are raw bigint microseconds,
-- and text a text column cannot hold (NUL, unpaired surrogates) is escaped (text_escaped = true).
CREATE TABLE rejected_event (
    rejected_id         uuid     NOT NULL,
    event_id            uuid,
    case_id             text,
    event_type          text,
    actor               text,
    source_ip           text,
    document_hash       bytea,
    payload             bytea,
    occurred_at_micros  bigint   NOT NULL,
    ingested_at_micros  bigint   NOT NULL,
    reason_code         text     NOT NULL,
    message             text     NOT NULL,
    rejected_at_micros  bigint   NOT NULL,
    text_escaped        boolean  NOT NULL,
    CONSTRAINT rejected_event_pk PRIMARY KEY (rejected_id)
);

-- Rows a MapStore could not store exactly (refused before or by the server); kept, logged and counted
-- so that a poison row never blocks the rest of its batch.
CREATE TABLE unstorable_row (
    id            bigint GENERATED ALWAYS AS IDENTITY,
    table_name    text        NOT NULL,
    row_key       text        NOT NULL,
    reason        text        NOT NULL,
    sql_state     text,
    detected_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT unstorable_row_pk PRIMARY KEY (id)
);
