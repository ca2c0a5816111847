#!/usr/bin/env python3
"""Independent implementation of docs/HASHING.md (version 1): Python standard library and psql only.

  python3 docs/vectors/verify_vectors.py
      recomputes every value of hashing-v1.json, hashing-v1-audit.json and anchors-export-v1.json
      (encodings, hashes, field digests, shard function, Merkle trees, row forms, Ed25519 signatures).

  python3 docs/vectors/verify_vectors.py --schema NAME [--trusted-key PUB] [--published EXPORT]
      also verifies the ledger schema NAME in PostgreSQL (HASHING.md section 8): every entry hash, chain link,
      field digest and caseId shard; every anchor's Merkle root, hash, link and recorded heads; every stored
      signature. Read with `psql` (COPY ... TO STDOUT); connection from CERTEUS_PG_URL
      (default jdbc:postgresql://127.0.0.1:5432/test), CERTEUS_PG_USER (default postgres) and
      CERTEUS_PG_PASSWORD, or from --psql "host=... dbname=... user=...".

  python3 docs/vectors/verify_vectors.py --export FILE
      also checks a `certeus anchors export` file on its own (hashes, links, signatures).

Prints what failed and one summary line per part; exit status 0 when everything matches, 1 on any mismatch,
2 when the input cannot be read (no psql, no schema, PostgreSQL older than 14).
"""
import argparse
import base64
import hashlib
import json
import os
import re
import struct
import subprocess
import sys
import uuid
from pathlib import Path

HERE = Path(__file__).parent
ZERO32 = bytes(32)
SHARD_COUNT = 1000
HASH_VERSION = 1
POSTGRES_EPOCH_MICROS = 946_684_800_000_000  # 2000-01-01T00:00:00Z in microseconds since 1970
EVENT_FIELDS = ["eventId", "caseId", "type", "actor", "sourceIp", "documentHash", "payload", "occurredAt", "ingestedAt"]
SIGNATURE_DOMAIN = b"CERTEUS-ANCHOR-SIGNATURE-v1\x00"
ED25519_X509_PREFIX = bytes.fromhex("302a300506032b6570032100")  # SubjectPublicKeyInfo, OID 1.3.101.112, 32-byte key


# --------------------------------------------------------------------------- section 1: primitive forms

def tag(text):
    return text.encode("ascii") + b"\x00"


def u8(v):
    return struct.pack(">B", v)


def u32(v):
    return struct.pack(">I", v)


def u64(v):
    return struct.pack(">Q", v)


def i64(v):
    return struct.pack(">q", v)


def raw_str(raw):
    """`str` and `bytes`: u32 byte length, then the bytes (for text: its UTF-8 exactly as stored)."""
    return u32(len(raw)) + raw


def opt_str(raw):
    return u8(0) if raw is None else u8(1) + raw_str(raw)


def opt_h32(raw):
    return u8(0) if raw is None else u8(1) + raw


def sha(data):
    return hashlib.sha256(data).digest()


# --------------------------------------------------------------------------- sections 2 to 4: encodings

def entry_parts(row):
    """The entry encoding of section 2 as (fixed prefix of fields 1-5, [bytes of event fields 6-14]).

    `row` holds stored values: shard, position (ints), prev_hash, event_id (16 bytes), case_id, event_type, actor,
    source_ip (UTF-8 bytes; source_ip may be None), document_hash (32 bytes or None), payload (bytes),
    occurred_at, ingested_at (microseconds since 1970).
    """
    if row["document_hash"] is not None and len(row["document_hash"]) != 32:
        raise ValueError("documentHash must be 32 bytes: length=%d" % len(row["document_hash"]))
    if len(row["prev_hash"]) != 32:
        raise ValueError("prevHash must be 32 bytes: length=%d" % len(row["prev_hash"]))
    prefix = tag("CERTEUS/ledger-entry/v1") + u8(1) + u32(row["shard"]) + u64(row["position"]) + row["prev_hash"]
    fields = [row["event_id"], raw_str(row["case_id"]), raw_str(row["event_type"]), raw_str(row["actor"]),
              opt_str(row["source_ip"]), opt_h32(row["document_hash"]), raw_str(row["payload"]),
              i64(row["occurred_at"]), i64(row["ingested_at"])]
    return prefix, fields


def entry_encoding(row):
    prefix, fields = entry_parts(row)
    return prefix + b"".join(fields)


def head_encoding(shard, size, head_hash):
    return tag("CERTEUS/shard-head/v1") + u8(1) + u32(shard) + u64(size) + head_hash


def leaf_hash(shard, size, head_hash):
    return sha(b"\x00" + head_encoding(shard, size, head_hash))


def anchor_encoding(sequence, anchored_at, shard_count, merkle_root, prev_anchor_hash):
    return (tag("CERTEUS/anchor/v1") + u8(1) + u64(sequence) + i64(anchored_at) + u32(shard_count)
            + merkle_root + prev_anchor_hash)


# --------------------------------------------------------------------------- section 5: Merkle tree (RFC 6962)

def mth(leaves):
    if not leaves:
        return sha(b"")
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return sha(b"\x01" + mth(leaves[:k]) + mth(leaves[k:]))


def verify_inclusion(index, size, leaf, path, root):
    """RFC 9162 section 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = sha(b"\x01" + p + r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = sha(b"\x01" + r + p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def anchor_root(sizes, heads):
    return mth([leaf_hash(shard, size, heads[shard]) for shard, size in enumerate(sizes)])


# --------------------------------------------------------------------------- section 7: field digests (CRC32C)

def _crc32c_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


CRC32C_TABLE = _crc32c_table()


def crc32c(data):
    """CRC-32C (Castagnoli, RFC 3720): reflected polynomial 0x82F63B78, initial and final XOR 0xFFFFFFFF."""
    crc = 0xFFFFFFFF
    for byte in data:
        crc = CRC32C_TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def field_digests(row):
    return b"".join(u32(crc32c(field)) for field in entry_parts(row)[1])


def first_changed_field(row, stored_digests):
    if stored_digests is None or len(stored_digests) != 4 * len(EVENT_FIELDS):
        return None
    current = field_digests(row)
    for i, name in enumerate(EVENT_FIELDS):
        if current[4 * i:4 * i + 4] != stored_digests[4 * i:4 * i + 4]:
            return name
    return None


# --------------------------------------------------------------------------- section 3.1: shard function

def murmur3_x86_32(data, seed=0x01000193):
    """MurmurHash3 x86_32 (Austin Appleby), little-endian 4-byte blocks; returns the unsigned 32-bit value."""
    c1, c2, mask = 0xCC9E2D51, 0x1B873593, 0xFFFFFFFF

    def rotl(x, r):
        return ((x << r) | (x >> (32 - r))) & mask

    h = seed
    whole = len(data) - len(data) % 4
    for i in range(0, whole, 4):
        k = int.from_bytes(data[i:i + 4], "little")
        k = (rotl((k * c1) & mask, 15) * c2) & mask
        h = (rotl(h ^ k, 13) * 5 + 0xE6546B64) & mask
    tail = data[whole:]
    if tail:
        k = int.from_bytes(tail, "little")
        h ^= (rotl((k * c1) & mask, 15) * c2) & mask
    h ^= len(data)
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & mask
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & mask
    h ^= h >> 16
    return h


def signed32(v):
    return v - (1 << 32) if v >= 1 << 31 else v


def shard_hashed_bytes(case_id_utf8):
    """What Hazelcast hashes for a String key: the serialized payload, int32 big-endian byte length, then UTF-8."""
    return u32(len(case_id_utf8)) + case_id_utf8


def shard_of(case_id_utf8, partitions=SHARD_COUNT):
    h = signed32(murmur3_x86_32(shard_hashed_bytes(case_id_utf8)))
    return 0 if h == -(1 << 31) else abs(h) % partitions  # HashUtil.hashToIndex


# --------------------------------------------------------------------------- anchor signatures: Ed25519 (RFC 8032)

ED_P = 2 ** 255 - 19
ED_L = 2 ** 252 + 27742317777372353535851937790883648493
ED_D = -121665 * pow(121666, ED_P - 2, ED_P) % ED_P
ED_SQRT_M1 = pow(2, (ED_P - 1) // 4, ED_P)


def _ed_add(P, Q):
    """Point addition in extended coordinates (X, Y, Z, T), RFC 8032 section 5.1.4."""
    x1, y1, z1, t1 = P
    x2, y2, z2, t2 = Q
    a = (y1 - x1) * (y2 - x2) % ED_P
    b = (y1 + x1) * (y2 + x2) % ED_P
    c = t1 * 2 * ED_D * t2 % ED_P
    d = z1 * 2 * z2 % ED_P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % ED_P, g * h % ED_P, f * g % ED_P, e * h % ED_P)


def _ed_mul(scalar, P):
    result = (0, 1, 1, 0)  # neutral element
    while scalar:
        if scalar & 1:
            result = _ed_add(result, P)
        P = _ed_add(P, P)
        scalar >>= 1
    return result


def _ed_equal(P, Q):
    return (P[0] * Q[2] - Q[0] * P[2]) % ED_P == 0 and (P[1] * Q[2] - Q[1] * P[2]) % ED_P == 0


def _ed_decode(s):
    """Point decoding, RFC 8032 section 5.1.3; None when the 32 bytes are not a point."""
    if len(s) != 32:
        return None
    y = int.from_bytes(s, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    if y >= ED_P:
        return None
    x2 = (y * y - 1) * pow(ED_D * y * y + 1, ED_P - 2, ED_P) % ED_P
    x = pow(x2, (ED_P + 3) // 8, ED_P)
    if (x * x - x2) % ED_P:
        x = x * ED_SQRT_M1 % ED_P
    if (x * x - x2) % ED_P:
        return None
    if x == 0 and sign:
        return None
    if x & 1 != sign:
        x = ED_P - x
    return (x, y, 1, x * y % ED_P)


def _ed_encode(P):
    zi = pow(P[2], ED_P - 2, ED_P)
    x, y = P[0] * zi % ED_P, P[1] * zi % ED_P
    return (y | (x & 1) << 255).to_bytes(32, "little")


ED_B = _ed_decode((4 * pow(5, ED_P - 2, ED_P) % ED_P).to_bytes(32, "little"))


def ed25519_public_key(seed):
    """Public key of a 32-byte private key (RFC 8032 section 5.1.5)."""
    h = hashlib.sha512(seed).digest()
    a = int.from_bytes(h[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    return _ed_encode(_ed_mul(a, ED_B))


def ed25519_verify(public_key, message, signature):
    """RFC 8032 section 5.1.7: S < L, R and A decode, and [S]B = R + [k]A with k = SHA-512(R || A || M) mod L."""
    if len(signature) != 64 or len(public_key) != 32:
        return False
    A = _ed_decode(public_key)
    R = _ed_decode(signature[:32])
    if A is None or R is None:
        return False
    s = int.from_bytes(signature[32:], "little")
    if s >= ED_L:
        return False
    k = int.from_bytes(hashlib.sha512(signature[:32] + public_key + message).digest(), "little") % ED_L
    return _ed_equal(_ed_mul(s, ED_B), _ed_add(R, _ed_mul(k, A)))


def signature_message(sequence, anchor_hash):
    return SIGNATURE_DOMAIN + i64(sequence) + anchor_hash


def key_id(public_key_der):
    return sha(public_key_der).hex()


def raw_public_key(der):
    """The 32 key bytes of an Ed25519 X.509 SubjectPublicKeyInfo, or None when `der` is not exactly one."""
    if len(der) != 44 or not der.startswith(ED25519_X509_PREFIX):
        return None
    return der[12:]


def signature_problem(sequence, anchor_hash, stored_key_id, public_key_der, signature):
    """Why a stored signature is not valid, or None (the rule of AnchorSignatureCheck)."""
    raw = raw_public_key(public_key_der)
    if raw is None:
        return "stored public key is not an Ed25519 X.509 key"
    if key_id(public_key_der) != stored_key_id:
        return "stored key id is not the key's: keyId=%s, actual=%s" % (stored_key_id, key_id(public_key_der))
    if not ed25519_verify(raw, signature_message(sequence, anchor_hash), signature):
        return "signature does not verify with the key it names: keyId=%s" % stored_key_id
    return None


def read_public_key_file(path):
    data = Path(path).read_bytes()
    text = data.decode("ascii", errors="replace")
    match = re.search(r"-----BEGIN PUBLIC KEY-----(.*?)-----END PUBLIC KEY-----", text, re.S)
    der = base64.b64decode("".join(match.group(1).split())) if match else data
    if raw_public_key(der) is None:
        raise ValueError("not an Ed25519 public key (X.509 SubjectPublicKeyInfo, PEM or DER): %s" % path)
    return der


# --------------------------------------------------------------------------- section 7: the ledger rules

class Ledger:
    """Checks anchor rows, then ledger rows in (shard, position) order, then signatures; collects every failure.

    A failure is (where, field, message) with where = "shard=S position=P" or "anchor=N [shard=S]".
    """

    def __init__(self, trusted_key_ders=()):
        self.failures = []
        self.next_position = {}
        self.last_hash = {}
        self.heads = {}  # (shard, position) -> [(anchor sequence, head hash)] still to meet in the ledger
        self.anchors = {}  # sequence -> anchor hash
        self.entries = 0
        self.trusted = {key_id(der): der for der in trusted_key_ders}
        self.signed_anchors = 0
        self.signing_keys = set()
        self.signatures = 0

    def fail(self, where, field, message):
        self.failures.append((where, field, message))

    # anchors ---------------------------------------------------------------
    def check_anchors(self, rows):
        """rows: dicts sequence, hash_version, anchored_at (or None: not a finite time), shard_count, merkle_root,
        prev_anchor_hash, anchor_hash, shard_sizes, head_hashes (bytes), in sequence order."""
        previous = None
        for i, row in enumerate(rows):
            seq = row["sequence"]
            where = "anchor=%d" % seq
            if i == 0 and seq != 0:
                self.fail(where, "sequence", "the first anchor row is not sequence 0: anchors before it are missing")
            sizes_raw, heads_raw = row["shard_sizes"], row["head_hashes"]
            if len(sizes_raw) % 8:
                self.fail(where, "shardSizes", "shard_sizes is not whole 8-byte values: bytes=%d" % len(sizes_raw))
                continue
            count = len(sizes_raw) // 8
            if len(heads_raw) != 32 * count:
                self.fail(where, "headHashes", "head_hashes is not 32 bytes per shard: bytes=%d, shards=%d"
                          % (len(heads_raw), count))
                continue
            if row["anchored_at"] is None:
                self.fail(where, "anchoredAt", "anchored_at is not a finite time")
                continue
            if row["hash_version"] != HASH_VERSION:
                self.fail(where, "hash_version", "hash version %d is not %d" % (row["hash_version"], HASH_VERSION))
            if row["shard_count"] != count:
                self.fail(where, "shard_count", "shard_count=%d but the row holds %d shards" % (row["shard_count"], count))
            if count != SHARD_COUNT:
                self.fail(where, "shardCount", "anchor covers %d shards, not %d" % (count, SHARD_COUNT))
            sizes = list(struct.unpack(">%dq" % count, sizes_raw))
            heads = [heads_raw[32 * s:32 * s + 32] for s in range(count)]
            if previous is not None and seq != previous["sequence"] + 1:
                self.fail(where, "sequence", "anchor sequence gap: expected=%d" % (previous["sequence"] + 1))
            expected_prev = ZERO32 if seq == 0 else previous["anchor_hash"] if previous is not None else None
            if expected_prev is not None and row["prev_anchor_hash"] != expected_prev:
                self.fail(where, "prevAnchorHash", "anchor does not link to its predecessor: expected=%s, found=%s"
                          % (expected_prev.hex(), row["prev_anchor_hash"].hex()))
            if previous is not None:
                for shard, (size, before) in enumerate(zip(sizes, previous["sizes"])):
                    if size < before:
                        self.fail("%s shard=%d" % (where, shard), "shardSizes",
                                  "shard head moved backwards: previous=%d, found=%d" % (before, size))
            root = anchor_root(sizes, heads)
            if root != row["merkle_root"]:
                self.fail(where, "merkleRoot", "Merkle root does not recompute from the heads: expected=%s" % root.hex())
            recomputed = sha(anchor_encoding(seq, row["anchored_at"], count, row["merkle_root"], row["prev_anchor_hash"]))
            if recomputed != row["anchor_hash"]:
                self.fail(where, "anchorHash", "anchor hash does not recompute: expected=%s" % recomputed.hex())
            for shard, size in enumerate(sizes):
                if size > 0:
                    self.heads.setdefault((shard, size - 1), []).append((seq, heads[shard]))
            self.anchors[seq] = row["anchor_hash"]
            previous = dict(row, sizes=sizes)

    # entries ---------------------------------------------------------------
    def check_entry(self, row):
        """row: a dict as entry_parts describes, plus hash_version, hash and field_digests (bytes or None)."""
        self.entries += 1
        shard, position = row["shard"], row["position"]
        where = "shard=%d position=%d" % (shard, position)
        if not 0 <= shard < SHARD_COUNT:
            self.fail(where, "shard", "shard out of range")
            return
        expected_position = self.next_position.get(shard, 0)
        if position != expected_position:
            self.fail(where, "position", "gap or repeat in the shard chain: expected=%d" % expected_position)
        self.next_position[shard] = position + 1
        expected_prev = self.last_hash.get(shard, ZERO32)
        self.last_hash[shard] = row["hash"]
        if row["hash_version"] != HASH_VERSION:
            self.fail(where, "hash_version", "hash version %d is not %d" % (row["hash_version"], HASH_VERSION))
        for column in ("occurred_at", "ingested_at"):
            if row[column] is None:
                self.fail(where, EVENT_FIELDS[7 if column == "occurred_at" else 8], "%s is not a finite time" % column)
                return
        if row["prev_hash"] != expected_prev:
            self.fail(where, "prevHash", "entry does not link to its predecessor: expected=%s, found=%s"
                      % (expected_prev.hex(), row["prev_hash"].hex()))
        if shard_of(row["case_id"]) != shard:
            self.fail(where, "caseId", "caseId does not belong to the shard: caseId=%r, its shard=%d"
                      % (row["case_id"].decode("utf-8", "replace"), shard_of(row["case_id"])))
        if row["document_hash"] is not None and len(row["document_hash"]) != 32:
            self.fail(where, "documentHash", "document hash is not 32 bytes: length=%d" % len(row["document_hash"]))
            return
        try:
            recomputed = sha(entry_encoding(row))
        except ValueError as e:
            self.fail(where, "event", "entry cannot be encoded: %s" % e)
            return
        if recomputed != row["hash"]:
            changed = first_changed_field(row, row["field_digests"])
            self.fail(where, changed or "hash", "entry hash does not recompute from its fields: expected=%s, found=%s"
                      % (recomputed.hex(), row["hash"].hex()))
        elif row["field_digests"] is not None and row["field_digests"] != field_digests(row):
            self.fail(where, "field_digests", "the row verifies but its field digests do not match its fields")
        for seq, head in self.heads.pop((shard, position), []):
            if head != row["hash"]:
                self.fail("anchor=%d shard=%d" % (seq, shard), "headHashes",
                          "anchor head differs from the ledger entry at position %d" % position)

    def finish_entries(self):
        for (shard, position), expected in sorted(self.heads.items()):
            for seq, _ in expected:
                self.fail("anchor=%d shard=%d" % (seq, shard), "shardSizes",
                          "anchor records a head the ledger does not have: position=%d, shardLength=%d"
                          % (position, self.next_position.get(shard, 0)))
        self.heads = {}

    # signatures ------------------------------------------------------------
    def check_signatures(self, rows):
        """rows: dicts sequence, anchor_hash, key_id (text), public_key, signature."""
        by_sequence = {}
        for row in rows:
            self.signatures += 1
            problem = signature_problem(row["sequence"], row["anchor_hash"], row["key_id"], row["public_key"],
                                        row["signature"])
            if problem:
                self.fail("anchor=%d" % row["sequence"], "signature", problem)
            else:
                by_sequence.setdefault(row["sequence"], []).append(row)
        for seq, anchor_hash in sorted(self.anchors.items()):
            signed = by_trusted = False
            other = None
            for row in by_sequence.get(seq, []):
                if row["anchor_hash"] != anchor_hash:
                    if row["key_id"] in self.trusted:
                        other = row
                    continue
                signed = True
                by_trusted |= row["key_id"] in self.trusted
                self.signing_keys.add(row["key_id"])
            # A trusted signature over another hash is a rewrite unless the stored anchor is trusted-signed
            # too: then the other anchor was signed and lost in a crash before it was stored (section 7.6).
            if other is not None and not by_trusted:
                self.fail("anchor=%d" % seq, "anchorHash", "a trusted key signed another hash for this "
                          "sequence: the anchor was rewritten; signedHash=%s" % other["anchor_hash"].hex())
            self.signed_anchors += signed
            if self.trusted and not by_trusted:
                self.fail("anchor=%d" % seq, "signature", "not signed by a trusted key" if signed else "anchor is not signed")

    def check_published(self, export):
        """Every anchor of a `certeus anchors export` is stored, with the same hash."""
        for anchor in export["anchors"]:
            stored = self.anchors.get(anchor["sequence"])
            if stored is None:
                self.fail("anchor=%d" % anchor["sequence"], "published", "a published anchor is not in the database")
            elif stored.hex() != anchor["anchorHash"]:
                self.fail("anchor=%d" % anchor["sequence"], "published", "the stored anchor differs from the published "
                          "one: publishedHash=%s, storedHash=%s" % (anchor["anchorHash"], stored.hex()))


# --------------------------------------------------------------------------- row forms

def decode_binary_column(column_type, raw):
    """A column in PostgreSQL's binary (COPY/send) form as the ledger rules take it."""
    if raw is None:
        return None
    if column_type in ("int2", "int4", "int8"):
        return int.from_bytes(raw, "big", signed=True)
    if column_type == "timestamptz":
        return int.from_bytes(raw, "big", signed=True) + POSTGRES_EPOCH_MICROS
    return raw  # text (its exact UTF-8 bytes), uuid (16 bytes), bytea


def parse_copy_row(data):
    """One binary COPY tuple: int16 field count, then per field int32 length (-1 = NULL) and the bytes."""
    (count,), offset, values = struct.unpack_from(">h", data), 2, []
    for _ in range(count):
        (length,) = struct.unpack_from(">i", data, offset)
        offset += 4
        if length < 0:
            values.append(None)
        else:
            values.append(data[offset:offset + length])
            offset += length
    if offset != len(data):
        raise ValueError("trailing bytes after the tuple")
    return values


def row_from_columns(columns):
    return {c["name"]: decode_binary_column(c["type"], None if c["hex"] is None else bytes.fromhex(c["hex"]))
            for c in columns}


def entry_row(r):
    """Renames a ledger_entry row's columns to the keys of entry_parts."""
    return {"shard": r["shard"], "position": r["position"], "hash_version": r["hash_version"], "event_id": r["event_id"],
            "case_id": r["case_id"], "event_type": r["event_type"], "actor": r["actor"], "source_ip": r["source_ip"],
            "document_hash": r["document_hash"], "payload": r["payload"], "occurred_at": r["occurred_at"],
            "ingested_at": r["ingested_at"], "prev_hash": r["prev_hash"], "hash": r["hash"],
            "field_digests": r.get("field_digests")}


def entry_row_from_vector(e):
    """A vector entry (JSON inputs) as a row."""
    text = lambda v: None if v is None else v.encode("utf-8")
    return {"shard": e["shard"], "position": e["position"], "hash_version": HASH_VERSION,
            "event_id": uuid.UUID(e["eventId"]).bytes, "case_id": text(e["caseId"]), "event_type": text(e["type"]),
            "actor": text(e["actor"]), "source_ip": text(e["sourceIp"]),
            "document_hash": None if e["documentHash"] is None else bytes.fromhex(e["documentHash"]),
            "payload": bytes.fromhex(e["payloadHex"]), "occurred_at": e["occurredAtMicros"],
            "ingested_at": e["ingestedAtMicros"], "prev_hash": bytes.fromhex(e["prevHash"]),
            "hash": bytes.fromhex(e["hash"]), "field_digests": None}


# --------------------------------------------------------------------------- the vector files

class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, actual, expected):
        if actual == expected:
            self.passed += 1
        else:
            self.failed += 1
            print("MISMATCH %s: expected %s, computed %s" % (name, expected, actual))


def check_base_vectors(c, v):
    """hashing-v1.json. Its entries' shard (417) is a fixed input, not the shard of their caseId: not checked."""
    prev = "00" * 32
    for e in v["entries"]:
        name = "hashing-v1 entry %d" % e["position"]
        c.check(name + " prevHash link", e["prevHash"], prev)
        c.check(name + " payload text", e["payloadUtf8"].encode("utf-8").hex(), e["payloadHex"])
        enc = entry_encoding(entry_row_from_vector(e))
        c.check(name + " encoding", enc.hex(), e["encodingHex"])
        c.check(name + " hash", sha(enc).hex(), e["hash"])
        prev = e["hash"]
    leaves = []
    for h in v["shardHeads"]:
        enc = head_encoding(h["shard"], h["size"], bytes.fromhex(h["headHash"]))
        c.check("hashing-v1 head %d encoding" % h["shard"], enc.hex(), h["encodingHex"])
        leaves.append(sha(b"\x00" + enc))
        c.check("hashing-v1 head %d leaf hash" % h["shard"], leaves[-1].hex(), h["leafHash"])
    root = mth(leaves)
    c.check("hashing-v1 merkle root", root.hex(), v["merkleRootOfShardHeads"])
    for p in v["auditPaths"]:
        path = [bytes.fromhex(x) for x in p["path"]]
        c.check("hashing-v1 audit path %d" % p["leafIndex"],
                verify_inclusion(p["leafIndex"], p["treeSize"], leaves[p["leafIndex"]], path, root), True)
    prev = "00" * 32
    for a in v["anchors"]:
        c.check("hashing-v1 anchor %d link" % a["sequence"], a["prevAnchorHash"], prev)
        enc = anchor_encoding(a["sequence"], a["anchoredAtMicros"], a["shardCount"], bytes.fromhex(a["merkleRoot"]),
                              bytes.fromhex(a["prevAnchorHash"]))
        c.check("hashing-v1 anchor %d encoding" % a["sequence"], enc.hex(), a["encodingHex"])
        c.check("hashing-v1 anchor %d hash" % a["sequence"], sha(enc).hex(), a["anchorHash"])
        prev = a["anchorHash"]


def check_audit_vectors(c, v):
    """hashing-v1-audit.json: returns the anchors (sequence -> (sizes, heads, anchor hash)) for the export check."""
    c.check("audit event field names", v["entryEventFields"], EVENT_FIELDS)
    c.check("CRC-32C check value", crc32c(b"123456789"), 0xE3069283)
    # Entries: encoding, hash, every field's bytes and CRC32C, the row form, then the rows through the ledger rules.
    rows = []
    for e in v["entries"]:
        name = "audit entry shard=%d position=%d" % (e["shard"], e["position"])
        row = entry_row_from_vector(e)
        c.check(name + " shard of caseId", shard_of(row["case_id"]), e["shard"])
        c.check(name + " payload text", e["payloadUtf8"].encode("utf-8").hex(), e["payloadHex"])
        prefix, fields = entry_parts(row)
        enc = prefix + b"".join(fields)
        c.check(name + " encoding", enc.hex(), e["encodingHex"])
        c.check(name + " hash", sha(enc).hex(), e["hash"])
        start = len(prefix)
        for field, raw, expected in zip(EVENT_FIELDS, fields, e["fields"]):
            c.check(name + " field " + field, [field, start, start + len(raw), raw.hex(), "%08x" % crc32c(raw)],
                    [expected["name"], expected["start"], expected["end"], expected["bytesHex"], expected["crc32c"]])
            start += len(raw)
        c.check(name + " fieldDigests", field_digests(row).hex(), e["fieldDigests"])
        columns = e["row"]["columns"]
        c.check(name + " row columns", [col["name"] for col in columns], v["ledgerEntryColumns"])
        tuple_values = parse_copy_row(bytes.fromhex(e["row"]["copyRowHex"]))
        c.check(name + " COPY tuple", [None if x is None else x.hex() for x in tuple_values], [col["hex"] for col in columns])
        stored = entry_row(row_from_columns(columns))
        c.check(name + " row decodes to the inputs", {k: stored[k] for k in row if k != "field_digests"},
                {k: row[k] for k in row if k != "field_digests"})
        c.check(name + " row field_digests", stored["field_digests"].hex(), e["fieldDigests"])
        rows.append(stored)
    ledger = Ledger()
    for row in sorted(rows, key=lambda r: (r["shard"], r["position"])):
        ledger.check_entry(row)
    ledger.finish_entries()
    c.check("audit entry rows pass the ledger rules", ledger.failures, [])
    # Damaged rows: the hash no longer recomputes and the stored digests name the changed field.
    by_index = v["entries"]
    for d in v["damagedRows"]:
        base = entry_row_from_vector(by_index[int(re.match(r"entries\[(\d+)\]", d["of"]).group(1))])
        base.update(source_ip=None if d["sourceIp"] is None else d["sourceIp"].encode("utf-8"),
                    payload=bytes.fromhex(d["payloadHex"]), occurred_at=d["occurredAtMicros"],
                    field_digests=bytes.fromhex(d["storedFieldDigests"]))
        c.check("damaged (%s) recomputed hash" % d["description"], sha(entry_encoding(base)).hex(), d["recomputedHash"])
        damaged = Ledger()
        damaged.next_position[base["shard"]] = base["position"]
        damaged.last_hash[base["shard"]] = base["prev_hash"]
        damaged.check_entry(base)
        c.check("damaged (%s) located" % d["description"], [f[1] for f in damaged.failures], [d["firstChangedField"]])
    # The shard function.
    for s in v["shards"]:
        raw = s["caseId"].encode("utf-8")
        name = "shard of %r" % s["caseId"]
        c.check(name + " utf8", raw.hex(), s["utf8Hex"])
        c.check(name + " hashed bytes", shard_hashed_bytes(raw).hex(), s["hashedBytesHex"])
        data = bytes.fromhex(s["hazelcastDataHex"])
        c.check(name + " Hazelcast Data: partition hash 0, String type id -11, then the hashed bytes",
                [data[:4].hex(), int.from_bytes(data[4:8], "big", signed=True), data[8:].hex()],
                ["00000000", -11, s["hashedBytesHex"]])
        h = murmur3_x86_32(shard_hashed_bytes(raw))
        c.check(name + " murmur3", [signed32(h), "%08x" % h], [s["murmur3"], s["murmur3Hex"]])
        c.check(name + " shard", shard_of(raw), s["shard"])
    # Anchors: 1000 heads, leaves, root, audit paths, encoding, hash, row; the second as changes to the first.
    anchors = {}
    for a in v["anchors"]:
        name = "audit anchor %d" % a["sequence"]
        if "shardSizes" in a:
            sizes, heads = list(a["shardSizes"]), [bytes.fromhex(h) for h in a["headHashes"]]
        else:
            sizes, heads = list(anchors[a["headsAsSequence"]][0]), list(anchors[a["headsAsSequence"]][1])
            for change in a["headChanges"]:
                sizes[change["shard"]], heads[change["shard"]] = change["size"], bytes.fromhex(change["headHash"])
        c.check(name + " shard count", [len(sizes), len(heads)], [a["shardCount"], a["shardCount"]])
        for leaf in a.get("sampleLeaves", []):
            shard = leaf["shard"]
            c.check(name + " leaf %d" % shard, [head_encoding(shard, sizes[shard], heads[shard]).hex(),
                                                leaf_hash(shard, sizes[shard], heads[shard]).hex()],
                    [leaf["encodingHex"], leaf["leafHash"]])
        leaves = [leaf_hash(shard, size, heads[shard]) for shard, size in enumerate(sizes)]
        root = mth(leaves)
        c.check(name + " merkle root", root.hex(), a["merkleRoot"])
        for p in a.get("auditPaths", []):
            path = [bytes.fromhex(x) for x in p["path"]]
            c.check(name + " audit path %d" % p["leafIndex"],
                    verify_inclusion(p["leafIndex"], p["treeSize"], leaves[p["leafIndex"]], path, root), True)
        enc = anchor_encoding(a["sequence"], a["anchoredAtMicros"], a["shardCount"], root, bytes.fromhex(a["prevAnchorHash"]))
        c.check(name + " encoding", enc.hex(), a["encodingHex"])
        c.check(name + " hash", sha(enc).hex(), a["anchorHash"])
        if a["sequence"] > 0:
            c.check(name + " link", a["prevAnchorHash"], anchors[a["sequence"] - 1][2])
        anchors[a["sequence"]] = (sizes, heads, a["anchorHash"])
        if "row" in a:
            columns = a["row"]["columns"]
            c.check(name + " row columns", [col["name"] for col in columns], v["anchorColumns"])
            values = parse_copy_row(bytes.fromhex(a["row"]["copyRowHex"]))
            c.check(name + " COPY tuple", [None if x is None else x.hex() for x in values], [col["hex"] for col in columns])
            r = row_from_columns(columns)
            c.check(name + " row shard_sizes", list(struct.unpack(">%dq" % len(sizes), r["shard_sizes"])), sizes)
            c.check(name + " row head_hashes", r["head_hashes"], b"".join(heads))
            c.check(name + " row fields", [r["sequence"], r["hash_version"], r["anchored_at"], r["shard_count"],
                                           r["merkle_root"].hex(), r["prev_anchor_hash"].hex(), r["anchor_hash"].hex()],
                    [a["sequence"], HASH_VERSION, a["anchoredAtMicros"], a["shardCount"], a["merkleRoot"],
                     a["prevAnchorHash"], a["anchorHash"]])
            rules = Ledger()
            rules.check_anchors([r])
            c.check(name + " row passes the anchor rules", rules.failures, [])
    # The test key and the signatures.
    k = v["testSigningKey"]
    seed = bytes.fromhex(k["privateSeedHex"])
    c.check("test key seed", sha(k["seedLabel"].encode("ascii")).hex(), k["privateSeedHex"])
    c.check("test key PKCS#8", k["privateKeyPkcs8Hex"], "302e020100300506032b657004220420" + k["privateSeedHex"])
    c.check("test key public key from seed", ed25519_public_key(seed).hex(), k["publicKeyRawHex"])
    c.check("test key X.509", k["publicKeyX509Hex"], ED25519_X509_PREFIX.hex() + k["publicKeyRawHex"])
    c.check("test key id", key_id(bytes.fromhex(k["publicKeyX509Hex"])), k["keyId"])
    for pem, hex_der in ((k["privateKeyPem"], k["privateKeyPkcs8Hex"]), (k["publicKeyPem"], k["publicKeyX509Hex"])):
        body = "".join(line for line in pem.splitlines() if not line.startswith("-----"))
        c.check("test key PEM", base64.b64decode(body).hex(), hex_der)
    for s in v["signatures"]:
        name = "signature (%s)" % s["description"]
        anchor_hash = bytes.fromhex(s["anchorHash"])
        c.check(name + " message", signature_message(s["sequence"], anchor_hash).hex(), s["messageHex"])
        problem = signature_problem(s["sequence"], anchor_hash, s["keyId"], bytes.fromhex(s["publicKeyX509Hex"]),
                                    bytes.fromhex(s["signatureHex"]))
        c.check(name + " valid", problem is None, s["valid"])
        if "row" in s:
            r = row_from_columns(s["row"]["columns"])
            c.check(name + " row", [r["sequence"], r["anchor_hash"].hex(), r["key_id"].decode("ascii"), r["public_key"].hex(),
                                    r["signature"].hex()],
                    [s["sequence"], s["anchorHash"], s["keyId"], s["publicKeyX509Hex"], s["signatureHex"]])
    return anchors


EXPORT_ANCHOR_FIELDS = ["sequence", "anchoredAtMicros", "shardCount", "merkleRoot", "prevAnchorHash", "anchorHash",
                        "signatures"]


def check_export(c, export, name, known_anchors=None):
    """A `certeus anchors export` file: format, every anchor hash, the links between consecutive anchors, signatures."""
    c.check(name + " format", [export.get("format"), export.get("version"), isinstance(export.get("anchors"), list)],
            ["certeus-anchors", 1, True])
    previous = None
    for a in export.get("anchors", []):
        where = "%s anchor %s" % (name, a.get("sequence"))
        c.check(where + " fields", list(a), EXPORT_ANCHOR_FIELDS)
        enc = anchor_encoding(a["sequence"], a["anchoredAtMicros"], a["shardCount"], bytes.fromhex(a["merkleRoot"]),
                              bytes.fromhex(a["prevAnchorHash"]))
        c.check(where + " hash", sha(enc).hex(), a["anchorHash"])
        if a["sequence"] == 0:
            c.check(where + " link", a["prevAnchorHash"], "00" * 32)
        elif previous is not None and previous["sequence"] == a["sequence"] - 1:
            c.check(where + " link", a["prevAnchorHash"], previous["anchorHash"])
        if known_anchors is not None:
            sizes, heads, anchor_hash = known_anchors[a["sequence"]]
            c.check(where + " root from the vectors' heads", anchor_root(sizes, heads).hex(), a["merkleRoot"])
            c.check(where + " same anchor as the vectors'", a["anchorHash"], anchor_hash)
        for s in a["signatures"]:
            c.check(where + " signature fields", sorted(s), ["keyId", "publicKey", "signature"])
            problem = signature_problem(a["sequence"], bytes.fromhex(a["anchorHash"]), s["keyId"],
                                        bytes.fromhex(s["publicKey"]), bytes.fromhex(s["signature"]))
            c.check(where + " signature by " + s["keyId"][:12], problem, None)
        previous = a


# --------------------------------------------------------------------------- PostgreSQL (section 8)

def psql_base(args):
    if args.psql:
        return ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", args.psql], dict(os.environ)
    url = os.environ.get("CERTEUS_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test")
    match = re.match(r"^jdbc:postgresql://([^:/?]+)(?::(\d+))?/([^?]+)", url)
    if not match:
        print("verify_vectors: cannot read host, port and database from CERTEUS_PG_URL=%s" % url)
        raise SystemExit(2)
    env = dict(os.environ)
    if os.environ.get("CERTEUS_PG_PASSWORD"):
        env["PGPASSWORD"] = os.environ["CERTEUS_PG_PASSWORD"]
    return (["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", match.group(1), "-p", match.group(2) or "5432",
             "-U", os.environ.get("CERTEUS_PG_USER", "postgres"), "-d", match.group(3)], env)


def copy_rows(base, env, select):
    """Runs COPY (select) TO STDOUT (text format) and yields each row's fields (None for NULL)."""
    command = base + ["-c", "COPY (%s) TO STDOUT" % select]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True) as process:
        for line in process.stdout:
            yield [None if f == "\\N" else f for f in line.rstrip("\n").split("\t")]
        error = process.stderr.read()
    if process.returncode:
        raise RuntimeError("psql failed (exit %d): %s" % (process.returncode, error.strip()))


def query_one(base, env, select):
    return next(iter(copy_rows(base, env, select)))[0]


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def micros(column):
    """Exact microseconds since 1970 (extract returns numeric from PostgreSQL 14); NULL for +-infinity."""
    return "CASE WHEN isfinite(%s) THEN (extract(epoch FROM %s) * 1000000)::bigint END" % (column, column)


def utf8_hex(column):
    return "encode(convert_to(%s, 'UTF8'), 'hex')" % column


def verify_schema(args):
    base, env = psql_base(args)
    schema = args.schema
    q = '"%s"' % schema.replace('"', '""')
    try:
        version = int(query_one(base, env, "SELECT current_setting('server_version_num')"))
        if version < 140000:
            print("SCHEMA %s: cannot verify: PostgreSQL %d is older than 14 (extract(epoch) is not exact)" % (schema, version))
            return None
        tables = {name for (name,) in copy_rows(base, env, "SELECT table_name FROM information_schema.tables "
                                                            "WHERE table_schema = %s" % literal(schema))}
        if "ledger_entry" not in tables or "anchor" not in tables:
            print("SCHEMA %s: cannot verify: no ledger_entry and anchor tables in it" % schema)
            return None
        has_digests = query_one(base, env, "SELECT count(*) FROM information_schema.columns WHERE table_schema = %s AND "
                                           "table_name = 'ledger_entry' AND column_name = 'field_digests'"
                                % literal(schema)) != "0"
        trusted = [read_public_key_file(path) for path in args.trusted_key]
        ledger = Ledger(trusted)

        h = lambda f: None if f is None else bytes.fromhex(f)
        n = lambda f: None if f is None else int(f)
        anchor_rows = [{"sequence": int(r[0]), "hash_version": int(r[1]), "anchored_at": n(r[2]), "shard_count": int(r[3]),
                        "merkle_root": h(r[4]), "prev_anchor_hash": h(r[5]), "anchor_hash": h(r[6]),
                        "shard_sizes": h(r[7]), "head_hashes": h(r[8])}
                       for r in copy_rows(base, env, "SELECT sequence, hash_version, %s, shard_count, encode(merkle_root, 'hex'), "
                                          "encode(prev_anchor_hash, 'hex'), encode(anchor_hash, 'hex'), "
                                          "encode(shard_sizes, 'hex'), encode(head_hashes, 'hex') FROM %s.anchor "
                                          "ORDER BY sequence" % (micros("anchored_at"), q))]
        ledger.check_anchors(anchor_rows)

        select = ("SELECT shard, position, hash_version, replace(event_id::text, '-', ''), %s, %s, %s, %s, "
                  "encode(document_hash, 'hex'), encode(payload, 'hex'), %s, %s, encode(prev_hash, 'hex'), "
                  "encode(hash, 'hex'), %s FROM %s.ledger_entry ORDER BY shard, position"
                  % (utf8_hex("case_id"), utf8_hex("event_type"), utf8_hex("actor"), utf8_hex("source_ip"),
                     micros("occurred_at"), micros("ingested_at"),
                     "encode(field_digests, 'hex')" if has_digests else "NULL::text", q))
        for r in copy_rows(base, env, select):
            ledger.check_entry({"shard": int(r[0]), "position": int(r[1]), "hash_version": int(r[2]), "event_id": h(r[3]),
                                "case_id": h(r[4]), "event_type": h(r[5]), "actor": h(r[6]), "source_ip": h(r[7]),
                                "document_hash": h(r[8]), "payload": h(r[9]), "occurred_at": n(r[10]),
                                "ingested_at": n(r[11]), "prev_hash": h(r[12]), "hash": h(r[13]), "field_digests": h(r[14])})
        ledger.finish_entries()

        if "anchor_signature" in tables:
            ledger.check_signatures([{"sequence": int(r[0]), "anchor_hash": h(r[1]), "key_id": h(r[2]).decode("utf-8"),
                                      "public_key": h(r[3]), "signature": h(r[4])}
                                     for r in copy_rows(base, env, "SELECT sequence, encode(anchor_hash, 'hex'), %s, "
                                                        "encode(public_key, 'hex'), encode(signature, 'hex') FROM "
                                                        "%s.anchor_signature ORDER BY sequence, key_id"
                                                        % (utf8_hex("key_id"), q))])
        elif trusted:
            ledger.check_signatures([])
        for path in args.published:
            ledger.check_published(json.loads(Path(path).read_text(encoding="utf-8")))
        pending = int(query_one(base, env, "SELECT count(*) FROM %s.ledger_pending" % q)) if "ledger_pending" in tables else 0
    except FileNotFoundError:
        print("SCHEMA %s: cannot verify: psql is not installed" % schema)
        return None
    except RuntimeError as e:
        print("SCHEMA %s: cannot verify: %s" % (schema, e))
        return None

    for where, field, message in ledger.failures[:20]:
        print("MISMATCH %s field=%s: %s" % (where, field, message))
    if len(ledger.failures) > 20:
        print("... and %d more mismatches" % (len(ledger.failures) - 20))
    verdict = "OK" if not ledger.failures else "FAILED (%d mismatches)" % len(ledger.failures)
    print("SCHEMA %s: %s: entries=%d shards=%d anchors=%d signatures=%d signedAnchors=%d keys=%d%s pending=%d "
          "fieldDigests=%s" % (schema, verdict, ledger.entries, len(ledger.next_position), len(ledger.anchors),
                               ledger.signatures, ledger.signed_anchors, len(ledger.signing_keys),
                               " (trusted key pinned)" if trusted else "", pending,
                               "checked" if has_digests else "column absent"))
    return not ledger.failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", help="also verify the ledger of this PostgreSQL schema")
    parser.add_argument("--psql", default="", help="psql connection string instead of CERTEUS_PG_URL/CERTEUS_PG_USER")
    parser.add_argument("--trusted-key", action="append", default=[], metavar="PUB",
                        help="with --schema: every anchor must be signed by this Ed25519 public key (PEM or DER)")
    parser.add_argument("--published", action="append", default=[], metavar="EXPORT",
                        help="with --schema: every anchor of this `certeus anchors export` file must be stored")
    parser.add_argument("--export", action="append", default=[], metavar="FILE",
                        help="also check this `certeus anchors export` file on its own")
    args = parser.parse_args()

    c = Checks()
    check_base_vectors(c, json.loads((HERE / "hashing-v1.json").read_text(encoding="utf-8")))
    anchors = check_audit_vectors(c, json.loads((HERE / "hashing-v1-audit.json").read_text(encoding="utf-8")))
    check_export(c, json.loads((HERE / "anchors-export-v1.json").read_text(encoding="utf-8")), "anchors-export-v1", anchors)
    for path in args.export:
        check_export(c, json.loads(Path(path).read_text(encoding="utf-8")), path)
    print("VECTORS: %d passed, %d failed" % (c.passed, c.failed))
    ok = c.failed == 0
    if args.schema:
        result = verify_schema(args)
        if result is None:
            return 2
        ok = ok and result
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
