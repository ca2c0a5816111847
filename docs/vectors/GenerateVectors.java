import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import com.hazelcast.internal.util.HashUtil;
import io.certeus.cli.json.LedgerJson;
import io.certeus.core.hash.CanonicalEncoder;
import io.certeus.core.hash.CanonicalEncoding;
import io.certeus.core.hash.FieldDigests;
import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.merkle.AnchorCalculator;
import io.certeus.core.merkle.MerkleTree;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.core.sign.AnchorSigning;
import io.certeus.core.verify.StoredSignature;
import io.certeus.postgres.copy.PgCopyLayout;
import io.certeus.postgres.copy.PgCopyWriter;
import io.certeus.postgres.table.AnchorRows;
import io.certeus.postgres.table.LedgerRows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Writes the audit vectors of docs/HASHING.md section 8 from the project's own classes:
 * docs/vectors/hashing-v1-audit.json (field digests, negative timestamps, the shard function,
 * 1000-leaf anchors, an anchor signature by a TEST key, database row forms) and
 * docs/vectors/anchors-export-v1.json (a file exactly as {@code certeus anchors export} writes it).
 * hashing-v1.json is not touched: HashVectors writes it and HashVectorsTest compares it whole.
 *
 * <pre>
 *   M2=~/.m2/repository
 *   java -cp grid-plugin/core/target/certeus-core-0.1.0-SNAPSHOT.jar:mapstore-postgres/target/certeus-mapstore-postgres-0.1.0-SNAPSHOT.jar:\
 * client-demo/target/certeus-client-demo-0.1.0-SNAPSHOT.jar:$M2/com/hazelcast/hazelcast/5.7.0/hazelcast-5.7.0.jar:\
 * $M2/org/agrona/agrona/2.6.0/agrona-2.6.0.jar:$M2/com/fasterxml/jackson/core/jackson-databind/2.23.0/jackson-databind-2.23.0.jar:\
 * $M2/com/fasterxml/jackson/core/jackson-core/2.23.0/jackson-core-2.23.0.jar:\
 * $M2/com/fasterxml/jackson/core/jackson-annotations/2.23/jackson-annotations-2.23.jar \
 *     docs/vectors/GenerateVectors.java [outputDir]
 * </pre>
 *
 * Deterministic: the same classes write the same bytes (Ed25519 signatures are deterministic).
 * Single-threaded tool.
 */
public final class GenerateVectors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LedgerHasher HASHER = new LedgerHasher();
    private static final String[] LEDGER_COLUMN_TYPES = {
        "int4", "int8", "int2", "uuid", "text", "text", "text", "text", "bytea", "bytea", "timestamptz", "timestamptz",
        "bytea", "bytea", "bytea"};
    private static final String[] ANCHOR_COLUMN_TYPES = {
        "int8", "int2", "timestamptz", "int4", "bytea", "bytea", "bytea", "bytea", "bytea"};

    /** The test key's 32-byte Ed25519 seed (RFC 8032 private key): SHA-256 of this label. Never use it for anything real. */
    static final String TEST_KEY_LABEL = "CERTEUS hashing-v1 audit vectors: TEST KEY, NOT SECRET, NEVER TRUST IT";

    private GenerateVectors() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/vectors");
        ObjectNode root = JSON.createObjectNode();
        root.put("description", "CERTEUS hashing v1 audit vectors (docs/HASHING.md section 8), written by "
                + "docs/vectors/GenerateVectors.java from the project's classes. Binary values are lower-case hex. "
                + "Fields ending in 'Utc' are informative renderings, not checked.");
        root.put("hashVersion", CanonicalEncoding.VERSION);
        ArrayNode fieldNames = root.putArray("entryEventFields");
        Arrays.stream(CanonicalEncoder.ENTRY_EVENT_FIELDS).forEach(fieldNames::add);
        ArrayNode ledgerColumns = root.putArray("ledgerEntryColumns");
        Arrays.stream(LedgerRows.COLUMNS.split(", ")).forEach(ledgerColumns::add);
        ArrayNode anchorColumns = root.putArray("anchorColumns");
        Arrays.stream(AnchorRows.COLUMNS.split(", ")).forEach(anchorColumns::add);

        root.set("entries", entries());
        root.set("damagedRows", damagedRows());
        root.set("shards", shards());

        List<Anchor> anchors = anchors();
        ArrayNode anchorNodes = root.putArray("anchors");
        anchorNodes.add(anchorFull(anchors.get(0)));
        anchorNodes.add(anchorDelta(anchors.get(1), anchors.get(0)));

        KeyPair key = testKey();
        root.set("testSigningKey", keyNode(key));
        List<StoredSignature> signatures = new ArrayList<>();
        for (Anchor anchor : anchors) {
            signatures.add(new StoredSignature(anchor.sequence(), anchor.anchorHash(), AnchorSigning.keyId(key.getPublic()),
                    key.getPublic().getEncoded(), AnchorSigning.sign(key.getPrivate(), anchor.sequence(), anchor.anchorHash())));
        }
        root.set("signatures", signatureNodes(key, signatures, anchors));

        Files.writeString(dir.resolve("hashing-v1-audit.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");

        // Exactly what AnchorsCommand.Export writes with --out (document, pretty printed, then a newline).
        LedgerJson ledgerJson = new LedgerJson();
        ObjectNode export = ledgerJson.mapper().createObjectNode();
        export.put("format", "certeus-anchors");
        export.put("version", 1);
        ArrayNode list = export.putArray("anchors");
        anchors.forEach(anchor -> list.add(ledgerJson.anchor(anchor, signatures)));
        Files.writeString(dir.resolve("anchors-export-v1.json"),
                ledgerJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(export) + "\n");
        System.out.println("GenerateVectors: wrote " + dir.resolve("hashing-v1-audit.json") + " and "
                + dir.resolve("anchors-export-v1.json"));
    }

    // ---------------------------------------------------------------- entries

    private static Event event(String id, String caseId, String type, String actor, String sourceIp, byte[] documentHash,
            String payload, long occurredAtMicros, long ingestedAtMicros) {
        return new Event(UUID.fromString(id), caseId, type, actor, sourceIp, documentHash, payload.getBytes(StandardCharsets.UTF_8),
                occurredAtMicros, ingestedAtMicros);
    }

    /** One chain (case HIS-190001) with times before 1970, then one entry of another case. */
    private static List<LedgerEntry> entryList() {
        List<Event> events = List.of(
                event("01936b2e-1f00-7000-8000-0000000000a1", "HIS-190001", "CASE_CREATED", "archivist@court.example",
                        "198.51.100.7", null, "{\"opened\":\"1969-12-31\"}", -1L, 1735689600000000L),
                event("01936b2e-1f00-7000-8000-0000000000a2", "HIS-190001", "BUNDLE_SUBMITTED", "Zoë Ångström",
                        null, Hashes.sha256("scanned deed, 1900".getBytes(StandardCharsets.UTF_8)),
                        "{\"deed\":\"1900-01-01\",\"pages\":3}", -2208988800000000L, 1735689600000001L),
                event("01936b2e-1f00-7000-8000-0000000000a3", "HIS-190001", "CASE_UPDATED", "clerk-2",
                        "2001:db8::2", null, "{\"note\":\"fraction before the epoch\"}", -1500001L, 1735689600000002L),
                event("01936b2e-1f00-7000-8000-0000000000a4", "HIS-190001", "ARCHIVE_INITIATED", "clerk-2",
                        null, null, "{\"era\":\"AD 1\"}", -62135596800000000L, 1735689600000003L),
                event("01936b2e-1f00-7000-8000-0000000000b1", "ZZZ-999999", "ERROR_LOGGED", "monitor",
                        "192.0.2.255", Hashes.sha256(new byte[0]), "{}", 1735689600000000L, 1735689600999999L));
        List<LedgerEntry> entries = new ArrayList<>();
        int[] length = new int[Shards.SHARD_COUNT];
        byte[][] last = new byte[Shards.SHARD_COUNT][];
        for (Event event : events) {
            int shard = Shards.shardOf(event.caseId());
            long position = length[shard]++;
            byte[] prev = last[shard] == null ? Hashes.ZERO_HASH : last[shard];
            byte[] hash = HASHER.entryHash(shard, position, prev, event);
            last[shard] = hash;
            entries.add(new LedgerEntry(event, shard, position, prev, hash));
        }
        return entries;
    }

    private static ArrayNode entries() {
        ArrayNode out = JSON.createArrayNode();
        for (LedgerEntry entry : entryList()) {
            out.add(entryNode(entry));
        }
        return out;
    }

    private static ObjectNode entryNode(LedgerEntry entry) {
        Event e = entry.event();
        ObjectNode node = JSON.createObjectNode();
        node.put("shard", entry.shard());
        node.put("position", entry.position());
        node.put("prevHash", Hashes.hex(entry.prevHash()));
        node.put("eventId", e.eventId().toString());
        node.put("caseId", e.caseId());
        node.put("type", e.type());
        node.put("actor", e.actor());
        node.put("sourceIp", e.sourceIp());
        node.put("documentHash", e.documentHash() == null ? null : Hashes.hex(e.documentHash()));
        node.put("payloadUtf8", new String(e.payload(), StandardCharsets.UTF_8));
        node.put("payloadHex", Hashes.hex(e.payload()));
        node.put("occurredAtMicros", e.occurredAtMicros());
        node.put("occurredAtUtc", utc(e.occurredAtMicros()));
        node.put("ingestedAtMicros", e.ingestedAtMicros());
        node.put("ingestedAtUtc", utc(e.ingestedAtMicros()));
        CanonicalEncoder encoder = new CanonicalEncoder();
        int length = encoder.encodeEntry(entry.shard(), entry.position(), entry.prevHash(), e);
        node.put("encodingHex", Hashes.hex(Arrays.copyOf(encoder.array(), length)));
        node.put("hash", Hashes.hex(entry.hash()));
        ArrayNode fields = node.putArray("fields");
        byte[] digests = new FieldDigests().digest(entry);
        for (int i = 0; i < CanonicalEncoder.ENTRY_EVENT_FIELDS.length; i++) {
            int start = encoder.entryFieldStart(i);
            int end = encoder.entryFieldEnd(i);
            ObjectNode field = fields.addObject();
            field.put("name", CanonicalEncoder.ENTRY_EVENT_FIELDS[i]);
            field.put("start", start);
            field.put("end", end);
            field.put("bytesHex", Hashes.hex(Arrays.copyOfRange(encoder.array(), start, end)));
            field.put("crc32c", Hashes.hex(Arrays.copyOfRange(digests, i * 4, i * 4 + 4)));
        }
        node.put("fieldDigests", Hashes.hex(digests));
        node.set("row", ledgerRow(entry));
        return node;
    }

    /** The row as LedgerRows writes it: each column in PostgreSQL's binary (COPY/send) form, and the whole COPY row. */
    private static ObjectNode ledgerRow(LedgerEntry entry) {
        byte[] row = copyRow(writer -> new LedgerRows().encode(new LedgerKey(entry.shard(), entry.position()), entry, writer));
        return rowNode(row, LedgerRows.COLUMNS.split(", "), LEDGER_COLUMN_TYPES);
    }

    private static ArrayNode damagedRows() {
        ArrayNode out = JSON.createArrayNode();
        LedgerEntry entry = entryList().get(1);
        byte[] stored = new FieldDigests().digest(entry);
        Event e = entry.event();
        byte[] payload = e.payload().clone();
        payload[2] ^= 0x01;
        Event damagedPayload = new Event(e.eventId(), e.caseId(), e.type(), e.actor(), e.sourceIp(), e.documentHash(), payload,
                e.occurredAtMicros(), e.ingestedAtMicros());
        Event damagedTime = new Event(e.eventId(), e.caseId(), e.type(), e.actor(), e.sourceIp(), e.documentHash(), e.payload(),
                e.occurredAtMicros() + 1, e.ingestedAtMicros());
        Event damagedIp = new Event(e.eventId(), e.caseId(), e.type(), e.actor(), "", e.documentHash(), e.payload(),
                e.occurredAtMicros(), e.ingestedAtMicros());
        for (Object[] damage : new Object[][] {
            {"payload byte 2 flipped in the row", damagedPayload},
            {"occurred_at one microsecond later", damagedTime},
            {"source_ip NULL replaced by the empty string (the presence byte is covered)", damagedIp}}) {
            Event changed = (Event) damage[1];
            LedgerEntry row = new LedgerEntry(changed, entry.shard(), entry.position(), entry.prevHash(), entry.hash());
            ObjectNode node = out.addObject();
            node.put("description", (String) damage[0]);
            node.put("of", "entries[1]");
            node.put("sourceIp", changed.sourceIp());
            node.put("payloadHex", Hashes.hex(changed.payload()));
            node.put("occurredAtMicros", changed.occurredAtMicros());
            node.put("storedFieldDigests", Hashes.hex(stored));
            node.put("recomputedHash", Hashes.hex(HASHER.entryHash(entry.shard(), entry.position(), entry.prevHash(), changed)));
            node.put("firstChangedField", new FieldDigests().firstChangedField(row, stored));
        }
        return out;
    }

    // ---------------------------------------------------------------- shards

    private static ArrayNode shards() {
        SerializationService serialization = new DefaultSerializationServiceBuilder().build();
        ArrayNode out = JSON.createArrayNode();
        Object[][] cases = {
            {"ABC-000001", "the first entry vector's case"},
            {"AAA-000000", "lowest valid caseId"},
            {"ZZZ-999999", "highest valid caseId"},
            {"HIS-190001", "the audit entries' case"},
            {"ACZ-055727", "Murmur3 = Integer.MIN_VALUE (0x80000000): abs() overflows, hashToIndex maps it to 0"},
            {"IHT-854534", "Murmur3 = Integer.MIN_VALUE as well"},
            {"QRS-271828", "a negative Murmur3 (see murmur3)"},
            {"ÄÖÜ-000001", "non-ASCII, 2-byte UTF-8 (not a valid caseId; the function is defined for any string)"},
            {"案件-000001", "non-ASCII, 3-byte UTF-8 (not a valid caseId)"},
            {"\uD83E\uDD89-1", "astral character, 4-byte UTF-8 (not a valid caseId)"},
            {"", "empty string: 4 hashed bytes, no tail"},
            {"a", "1 tail byte"},
            {"ab", "2 tail bytes"},
            {"abc", "3 tail bytes"},
            {"s0", "pinning key candidate (Shards.pinningKey)"}};
        for (Object[] c : cases) {
            String key = (String) c[0];
            byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
            byte[] hashed = ByteBuffer.allocate(4 + utf8.length).putInt(utf8.length).put(utf8).array();
            int murmur = HashUtil.MurmurHash3_x86_32(hashed, 0, hashed.length);
            int shard = Shards.shardOf(key);
            Data data = serialization.toData(key);
            byte[] dataBytes = data.toByteArray();
            // The bytes Shards hashes are exactly what a member hashes: the serialized String after its 8-byte header.
            check(Arrays.equals(Arrays.copyOfRange(dataBytes, 8, dataBytes.length), hashed), "payload differs: " + key);
            check(data.getPartitionHash() == murmur, "partition hash differs: " + key);
            check(HashUtil.hashToIndex(data.getPartitionHash(), Shards.SHARD_COUNT) == shard, "shard differs: " + key);
            ObjectNode node = out.addObject();
            node.put("caseId", key);
            node.put("note", (String) c[1]);
            node.put("utf8Hex", Hashes.hex(utf8));
            node.put("hashedBytesHex", Hashes.hex(hashed));
            node.put("hazelcastDataHex", Hashes.hex(dataBytes));
            node.put("murmur3", murmur);
            node.put("murmur3Hex", String.format("%08x", murmur));
            node.put("shard", shard);
        }
        return out;
    }

    // ---------------------------------------------------------------- anchors

    /** Anchor 0 over 1000 synthetic heads (every 10th shard empty), anchor 1 with three heads moved on. */
    private static List<Anchor> anchors() {
        long[] sizes = new long[Shards.SHARD_COUNT];
        byte[] heads = new byte[Shards.SHARD_COUNT * Hashes.HASH_BYTES];
        for (int shard = 0; shard < Shards.SHARD_COUNT; shard++) {
            sizes[shard] = shard % 10 == 3 ? 0 : (shard * 7919L) % 1000 + 1;
            setHead(heads, shard, sizes[shard]);
        }
        sizes[999] = 1L << 40; // a size beyond 32 bits
        setHead(heads, 999, sizes[999]);
        AnchorCalculator calculator = new AnchorCalculator();
        Anchor first = calculator.anchor(0, 1735689900000000L, sizes, heads, Hashes.ZERO_HASH);
        long[] sizes1 = sizes.clone();
        byte[] heads1 = heads.clone();
        for (int shard : new int[] {3, 417, 999}) {
            sizes1[shard] += 5;
            setHead(heads1, shard, sizes1[shard]);
        }
        Anchor second = calculator.anchor(1, 1735689960000000L, sizes1, heads1, first.anchorHash());
        return List.of(first, second);
    }

    private static void setHead(byte[] heads, int shard, long size) {
        byte[] head = size == 0 ? Hashes.ZERO_HASH
                : Hashes.sha256(("CERTEUS test head shard=" + shard + " size=" + size).getBytes(StandardCharsets.US_ASCII));
        System.arraycopy(head, 0, heads, shard * Hashes.HASH_BYTES, Hashes.HASH_BYTES);
    }

    private static ObjectNode anchorCommon(Anchor anchor) {
        ObjectNode node = JSON.createObjectNode();
        node.put("sequence", anchor.sequence());
        node.put("anchoredAtMicros", anchor.anchoredAtMicros());
        node.put("anchoredAtUtc", utc(anchor.anchoredAtMicros()));
        node.put("shardCount", anchor.shardCount());
        return node;
    }

    private static void anchorResult(ObjectNode node, Anchor anchor) {
        node.put("merkleRoot", Hashes.hex(anchor.merkleRoot()));
        node.put("prevAnchorHash", Hashes.hex(anchor.prevAnchorHash()));
        CanonicalEncoder encoder = new CanonicalEncoder();
        int length = encoder.encodeAnchor(anchor.sequence(), anchor.anchoredAtMicros(), anchor.shardCount(), anchor.merkleRoot(),
                anchor.prevAnchorHash());
        node.put("encodingHex", Hashes.hex(Arrays.copyOf(encoder.array(), length)));
        node.put("anchorHash", Hashes.hex(anchor.anchorHash()));
    }

    private static List<byte[]> leaves(Anchor anchor) {
        List<byte[]> leaves = new ArrayList<>();
        for (int shard = 0; shard < anchor.shardCount(); shard++) {
            leaves.add(HASHER.shardHeadLeafHash(shard, anchor.shardSizes()[shard], anchor.head(shard).headHash()));
        }
        return leaves;
    }

    private static ObjectNode anchorFull(Anchor anchor) {
        ObjectNode node = anchorCommon(anchor);
        ArrayNode sizes = node.putArray("shardSizes");
        ArrayNode heads = node.putArray("headHashes");
        for (int shard = 0; shard < anchor.shardCount(); shard++) {
            sizes.add(anchor.shardSizes()[shard]);
            heads.add(Hashes.hex(anchor.head(shard).headHash()));
        }
        List<byte[]> leaves = leaves(anchor);
        ArrayNode sampleLeaves = node.putArray("sampleLeaves");
        for (int shard : new int[] {0, 3, 417, 999}) {
            CanonicalEncoder encoder = new CanonicalEncoder();
            int length = encoder.encodeShardHead(shard, anchor.shardSizes()[shard], anchor.head(shard).headHash());
            ObjectNode leaf = sampleLeaves.addObject();
            leaf.put("shard", shard);
            leaf.put("encodingHex", Hashes.hex(Arrays.copyOf(encoder.array(), length)));
            leaf.put("leafHash", Hashes.hex(leaves.get(shard)));
        }
        anchorResult(node, anchor);
        ArrayNode paths = node.putArray("auditPaths");
        for (int index : new int[] {0, 1, 417, 511, 512, 998, 999}) {
            List<byte[]> path = MerkleTree.auditPath(index, leaves);
            check(MerkleTree.verifyInclusion(index, leaves.size(), leaves.get(index), path, anchor.merkleRoot()), "path " + index);
            ObjectNode p = paths.addObject();
            p.put("leafIndex", index);
            p.put("treeSize", leaves.size());
            ArrayNode hashes = p.putArray("path");
            path.forEach(h -> hashes.add(Hashes.hex(h)));
        }
        byte[] row = copyRow(writer -> new AnchorRows().encode(anchor.sequence(), anchor, writer));
        node.set("row", rowNode(row, AnchorRows.COLUMNS.split(", "), ANCHOR_COLUMN_TYPES));
        return node;
    }

    private static ObjectNode anchorDelta(Anchor anchor, Anchor previous) {
        ObjectNode node = anchorCommon(anchor);
        node.put("headsAsSequence", previous.sequence());
        ArrayNode changes = node.putArray("headChanges");
        for (int shard = 0; shard < anchor.shardCount(); shard++) {
            if (anchor.shardSizes()[shard] != previous.shardSizes()[shard]) {
                ObjectNode change = changes.addObject();
                change.put("shard", shard);
                change.put("size", anchor.shardSizes()[shard]);
                change.put("headHash", Hashes.hex(anchor.head(shard).headHash()));
            }
        }
        anchorResult(node, anchor);
        return node;
    }

    // ---------------------------------------------------------------- signatures

    /** The test key pair: the JDK's Ed25519 generator fed a fixed seed instead of randomness. */
    private static KeyPair testKey() throws Exception {
        byte[] seed = Hashes.sha256(TEST_KEY_LABEL.getBytes(StandardCharsets.US_ASCII));
        SecureRandom fixed = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                check(bytes.length == seed.length, "unexpected seed request: length=" + bytes.length);
                System.arraycopy(seed, 0, bytes, 0, seed.length);
            }
        };
        KeyPairGenerator generator = KeyPairGenerator.getInstance(AnchorSigning.ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, fixed);
        KeyPair pair = generator.generateKeyPair();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        check(Arrays.equals(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length), seed), "seed not used");
        check(AnchorSigning.pairMatches(pair.getPrivate(), pair.getPublic()), "pair");
        return pair;
    }

    private static ObjectNode keyNode(KeyPair key) {
        ObjectNode node = JSON.createObjectNode();
        node.put("warning", "TEST KEY for these vectors only. Its private half is published here: never configure it, never trust it.");
        node.put("seedLabel", TEST_KEY_LABEL);
        byte[] pkcs8 = key.getPrivate().getEncoded();
        node.put("privateSeedHex", Hashes.hex(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length)));
        node.put("privateKeyPkcs8Hex", Hashes.hex(pkcs8));
        node.put("privateKeyPem", AnchorSigning.pem(key.getPrivate()));
        byte[] x509 = key.getPublic().getEncoded();
        node.put("publicKeyX509Hex", Hashes.hex(x509));
        node.put("publicKeyRawHex", Hashes.hex(Arrays.copyOfRange(x509, x509.length - 32, x509.length)));
        node.put("publicKeyPem", AnchorSigning.pem(key.getPublic()));
        node.put("keyId", AnchorSigning.keyId(key.getPublic()));
        return node;
    }

    private static ArrayNode signatureNodes(KeyPair key, List<StoredSignature> signatures, List<Anchor> anchors) throws Exception {
        ArrayNode out = JSON.createArrayNode();
        for (StoredSignature s : signatures) {
            ObjectNode node = signatureNode("signature of anchors[" + s.sequence() + "] by the test key", s);
            node.set("row", signatureRow(s));
            out.add(node);
        }
        StoredSignature good = signatures.get(0);
        byte[] flipped = good.signature().clone();
        flipped[10] ^= 0x04;
        byte[] highS = good.signature().clone();
        addOrderToS(highS);
        byte[] otherKey = AnchorSigning.generate().getPublic().getEncoded(); // random: only its failure is recorded
        Object[][] bad = {
            {"one bit of R flipped", new StoredSignature(good.sequence(), good.anchorHash(), good.keyId(), good.publicKey(), flipped)},
            {"signature of anchors[0] presented for sequence 1",
                new StoredSignature(1, good.anchorHash(), good.keyId(), good.publicKey(), good.signature())},
            {"signature of anchors[0] presented for anchors[1]'s hash",
                new StoredSignature(good.sequence(), anchors.get(1).anchorHash(), good.keyId(), good.publicKey(), good.signature())},
            {"S + L (non-canonical S, RFC 8032 5.1.7 requires S < L)",
                new StoredSignature(good.sequence(), good.anchorHash(), good.keyId(), good.publicKey(), highS)},
            {"truncated signature (63 bytes)",
                new StoredSignature(good.sequence(), good.anchorHash(), good.keyId(), good.publicKey(), Arrays.copyOf(good.signature(), 63))}};
        for (Object[] b : bad) {
            out.add(signatureNode((String) b[0], (StoredSignature) b[1]));
        }
        check(!AnchorSigning.verify(AnchorSigning.publicKey(otherKey), good.sequence(), good.anchorHash(), good.signature()), "other key");
        return out;
    }

    private static ObjectNode signatureNode(String description, StoredSignature s) {
        ObjectNode node = JSON.createObjectNode();
        node.put("description", description);
        node.put("sequence", s.sequence());
        node.put("anchorHash", Hashes.hex(s.anchorHash()));
        node.put("keyId", s.keyId());
        node.put("publicKeyX509Hex", Hashes.hex(s.publicKey()));
        node.put("messageHex", Hashes.hex(AnchorSigning.message(s.sequence(), s.anchorHash())));
        node.put("signatureHex", Hashes.hex(s.signature()));
        node.put("valid", AnchorSigning.verify(AnchorSigning.publicKey(s.publicKey()), s.sequence(), s.anchorHash(), s.signature()));
        return node;
    }

    /** The anchor_signature row (migration V6) as AnchorSigner inserts it; signed_at is the server's now() and covered by nothing. */
    private static ObjectNode signatureRow(StoredSignature s) {
        ObjectNode row = JSON.createObjectNode();
        ArrayNode columns = row.putArray("columns");
        addColumn(columns, "sequence", "int8", ByteBuffer.allocate(8).putLong(s.sequence()).array());
        addColumn(columns, "anchor_hash", "bytea", s.anchorHash());
        addColumn(columns, "key_id", "text", s.keyId().getBytes(StandardCharsets.UTF_8));
        addColumn(columns, "public_key", "bytea", s.publicKey());
        addColumn(columns, "signature", "bytea", s.signature());
        return row;
    }

    /** Adds the group order L to the little-endian scalar S (the signature's last 32 bytes). */
    private static void addOrderToS(byte[] signature) {
        java.math.BigInteger order = java.math.BigInteger.TWO.pow(252).add(new java.math.BigInteger("27742317777372353535851937790883648493"));
        byte[] le = Arrays.copyOfRange(signature, 32, 64);
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = le[31 - i];
        }
        byte[] sum = new java.math.BigInteger(1, be).add(order).toByteArray();
        byte[] fixed = new byte[32];
        System.arraycopy(sum, Math.max(0, sum.length - 32), fixed, Math.max(0, 32 - sum.length), Math.min(32, sum.length));
        for (int i = 0; i < 32; i++) {
            signature[32 + i] = fixed[31 - i];
        }
    }

    // ---------------------------------------------------------------- rows

    interface RowWriter {
        void write(PgCopyWriter writer) throws Exception;
    }

    /** One row of a binary COPY stream written by the project's writer (header and trailer removed). */
    private static byte[] copyRow(RowWriter rowWriter) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PgCopyWriter writer = new PgCopyWriter(64 * 1024);
            writer.begin((buffer, offset, length) -> bytes.write(buffer, offset, length));
            rowWriter.write(writer);
            writer.finish();
            byte[] stream = bytes.toByteArray();
            return Arrays.copyOfRange(stream, PgCopyLayout.HEADER_LENGTH, stream.length - PgCopyLayout.TRAILER_LENGTH);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode rowNode(byte[] row, String[] names, String[] types) {
        ByteBuffer in = ByteBuffer.wrap(row);
        int count = in.getShort();
        check(count == names.length, "column count");
        ObjectNode node = JSON.createObjectNode();
        ArrayNode columns = node.putArray("columns");
        for (int i = 0; i < count; i++) {
            int length = in.getInt();
            byte[] value = null;
            if (length >= 0) {
                value = new byte[length];
                in.get(value);
            }
            addColumn(columns, names[i], types[i], value);
        }
        check(!in.hasRemaining(), "row has trailing bytes");
        node.put("copyRowHex", Hashes.hex(row));
        return node;
    }

    private static void addColumn(ArrayNode columns, String name, String type, byte[] value) {
        ObjectNode column = columns.addObject();
        column.put("name", name);
        column.put("type", type);
        column.put("hex", value == null ? null : Hashes.hex(value));
        if (value != null && type.equals("timestamptz")) {
            long micros = ByteBuffer.wrap(value).getLong() + PgCopyLayout.POSTGRES_EPOCH_MICROS;
            column.put("utc", utc(micros));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String utc(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L).toString();
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("GenerateVectors: self-check failed: " + what);
        }
    }
}
