#!/usr/bin/env python3
"""Independent implementation of docs/HASHING.md (version 1), standard library only.

Without arguments: recomputes every encoding and hash in hashing-v1.json from the inputs.
With --schema S: also verifies the real ledger rows of PostgreSQL schema S (read with psql, connection
from --psql or PG* environment variables): gap-free positions, prevHash links, and every hash recomputed
from the row's own fields (section 7).
Exit status 0 when everything matches, 1 otherwise.
"""
import argparse
import hashlib
import json
import struct
import subprocess
import sys
import uuid
from pathlib import Path


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


def s(text):
    raw = text.encode("utf-8")
    return u32(len(raw)) + raw


def opt_str(text):
    return u8(0) if text is None else u8(1) + s(text)


def opt_h32(hex_value):
    return u8(0) if hex_value is None else u8(1) + bytes.fromhex(hex_value)


def entry_encoding(e):
    return b"".join([
        tag("CERTEUS/ledger-entry/v1"), u8(1), u32(e["shard"]), u64(e["position"]),
        bytes.fromhex(e["prevHash"]), uuid.UUID(e["eventId"]).bytes,
        s(e["caseId"]), s(e["type"]), s(e["actor"]), opt_str(e["sourceIp"]), opt_h32(e["documentHash"]),
        u32(len(bytes.fromhex(e["payloadHex"]))) + bytes.fromhex(e["payloadHex"]),
        i64(e["occurredAtMicros"]), i64(e["ingestedAtMicros"]),
    ])


def head_encoding(h):
    return tag("CERTEUS/shard-head/v1") + u8(1) + u32(h["shard"]) + u64(h["size"]) + bytes.fromhex(h["headHash"])


def anchor_encoding(a):
    return (tag("CERTEUS/anchor/v1") + u8(1) + u64(a["sequence"]) + i64(a["anchoredAtMicros"]) + u32(a["shardCount"])
            + bytes.fromhex(a["merkleRoot"]) + bytes.fromhex(a["prevAnchorHash"]))


def sha(data):
    return hashlib.sha256(data).digest()


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


ROW_SQL = """
SELECT shard, position, encode(prev_hash, 'hex'), event_id::text,
       encode(convert_to(case_id, 'UTF8'), 'hex'), encode(convert_to(event_type, 'UTF8'), 'hex'),
       encode(convert_to(actor, 'UTF8'), 'hex'), source_ip IS NULL, encode(convert_to(coalesce(source_ip, ''), 'UTF8'), 'hex'),
       coalesce(encode(document_hash, 'hex'), ''), encode(payload, 'hex'),
       (extract(epoch FROM occurred_at) * 1000000)::bigint, (extract(epoch FROM ingested_at) * 1000000)::bigint,
       encode(hash, 'hex')
FROM {schema}.ledger_entry ORDER BY shard, position
"""


def verify_rows(schema, psql_conninfo):
    """Section 7 of HASHING.md over the rows of one schema; returns (rows checked, first failure or None)."""
    command = ["psql", "-X", "-A", "-t", "-F", "|", "-c", ROW_SQL.format(schema=schema)]
    if psql_conninfo:
        command.insert(1, psql_conninfo)
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    expected_position, last_hash, checked = {}, {}, 0
    for line in out.splitlines():
        if not line:
            continue
        (shard, position, prev, event_id, case_hex, type_hex, actor_hex, ip_null, ip_hex, doc_hex, payload_hex,
         occurred, ingested, stored) = line.split("|")
        shard, position = int(shard), int(position)
        if position != expected_position.get(shard, 0):
            return checked, f"shard={shard} position={position} field=position: gap or repeat"
        if prev != last_hash.get(shard, "00" * 32):
            return checked, f"shard={shard} position={position} field=prevHash: does not link"
        text = lambda h: bytes.fromhex(h).decode("utf-8")
        entry = {"shard": shard, "position": position, "prevHash": prev, "eventId": event_id,
                 "caseId": text(case_hex), "type": text(type_hex), "actor": text(actor_hex),
                 "sourceIp": None if ip_null == "t" else text(ip_hex), "documentHash": doc_hex or None,
                 "payloadHex": payload_hex, "occurredAtMicros": int(occurred), "ingestedAtMicros": int(ingested)}
        if sha(entry_encoding(entry)).hex() != stored:
            return checked, f"shard={shard} position={position} field=hash: does not recompute"
        expected_position[shard], last_hash[shard] = position + 1, stored
        checked += 1
    return checked, None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", help="also verify the ledger rows of this PostgreSQL schema")
    parser.add_argument("--psql", default="", help="psql connection string, e.g. 'host=127.0.0.1 dbname=test user=postgres'")
    args = parser.parse_args()
    vectors = json.loads((Path(__file__).parent / "hashing-v1.json").read_text(encoding="utf-8"))
    failures = 0
    checks = 0

    def check(name, actual, expected):
        nonlocal failures, checks
        checks += 1
        if actual != expected:
            failures += 1
            print(f"MISMATCH {name}: expected {expected}, computed {actual}")

    prev = "00" * 32
    for e in vectors["entries"]:
        check(f"entry {e['position']} prevHash link", e["prevHash"], prev)
        check(f"entry {e['position']} payload text", e["payloadUtf8"].encode("utf-8").hex(), e["payloadHex"])
        enc = entry_encoding(e)
        check(f"entry {e['position']} encoding", enc.hex(), e["encodingHex"])
        check(f"entry {e['position']} hash", sha(enc).hex(), e["hash"])
        prev = e["hash"]

    leaves = []
    for h in vectors["shardHeads"]:
        enc = head_encoding(h)
        check(f"head {h['shard']} encoding", enc.hex(), h["encodingHex"])
        leaf = sha(b"\x00" + enc)
        check(f"head {h['shard']} leaf hash", leaf.hex(), h["leafHash"])
        leaves.append(leaf)
    root = mth(leaves)
    check("merkle root", root.hex(), vectors["merkleRootOfShardHeads"])
    for p in vectors["auditPaths"]:
        path = [bytes.fromhex(x) for x in p["path"]]
        check(f"audit path {p['leafIndex']}", verify_inclusion(p["leafIndex"], p["treeSize"], leaves[p["leafIndex"]], path, root), True)

    prev_anchor = "00" * 32
    for a in vectors["anchors"]:
        check(f"anchor {a['sequence']} link", a["prevAnchorHash"], prev_anchor)
        enc = anchor_encoding(a)
        check(f"anchor {a['sequence']} encoding", enc.hex(), a["encodingHex"])
        check(f"anchor {a['sequence']} hash", sha(enc).hex(), a["anchorHash"])
        prev_anchor = a["anchorHash"]

    if args.schema:
        rows, failure = verify_rows(args.schema, args.psql)
        checks += 1
        if failure:
            failures += 1
            print(f"ROWS of {args.schema}: DAMAGED after {rows} rows: {failure}")
        else:
            print(f"ROWS of {args.schema}: {rows} rows verified")

    print(f"{checks - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
