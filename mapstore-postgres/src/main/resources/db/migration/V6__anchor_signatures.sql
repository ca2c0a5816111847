-- Ed25519 signatures of anchors by the operator's key (io.certeus.core.sign.AnchorSigning, docs/HASHING.md
-- "Anchor signatures"): written by the member that stores an anchor, before the anchor row. The key
-- is named by its id (SHA-256 of its X.509 encoding), so keys can be rotated; a signature covers one
-- (sequence, anchor_hash), so a signature of an anchor that was later rewritten stays as evidence.
CREATE TABLE IF NOT EXISTS anchor_signature (
    sequence    bigint      NOT NULL,
    anchor_hash bytea       NOT NULL,
    key_id      text        NOT NULL,
    public_key  bytea       NOT NULL,
    signature   bytea       NOT NULL,
    signed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sequence, anchor_hash, key_id)
);
