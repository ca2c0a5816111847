#!/usr/bin/env python3
"""Independent implementation of docs/HASHING.md (version 1), standard library only.

Recomputes every encoding and hash in hashing-v1.json from the inputs and checks them.
Exit status 0 when all vectors match, 1 otherwise.
"""
import hashlib
import json
import struct
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


def main():
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

    print(f"{checks - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
