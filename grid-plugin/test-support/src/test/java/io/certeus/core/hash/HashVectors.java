package io.certeus.core.hash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certeus.core.merkle.MerkleTree;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.testing.RepoFiles;
import io.certeus.testing.TestChains;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The committed test vectors of docs/HASHING.md ({@code docs/vectors/hashing-v1.json}): the inputs
 * are fixed here; {@link #main} writes the file, {@code HashVectorsTest} checks the code still
 * reproduces it.
 */
public final class HashVectors {
    public static final Path FILE = RepoFiles.path("docs", "vectors", "hashing-v1.json");

    private HashVectors() {
    }

    /** The vector inputs: one shard chain exercising every field form. */
    static List<Event> chainEvents() {
        byte[] docHash = Hashes.sha256("bundle-001.pdf".getBytes(StandardCharsets.UTF_8));
        return List.of(
                new Event(UUID.fromString("01936b2e-1f00-7000-8000-000000000001"), "ABC-000001", "CASE_CREATED",
                        "clerk@court.example", "192.0.2.10", null,
                        utf8("{\"title\":\"Smith v. Jones\"}"), 1_735_689_600_000_000L, 1_735_689_600_000_123L),
                new Event(UUID.fromString("01936b2e-1f00-7000-8000-000000000002"), "ABC-000001", "BUNDLE_SUBMITTED",
                        "Zoë Ångström 🦉", null, docHash,
                        utf8("{\"bundle\":\"bundle-001.pdf\",\"pages\":12,\"note\":\"naïve — “quoted”\"}"),
                        1_735_689_601_500_000L, 1_735_689_601_500_001L),
                new Event(UUID.fromString("01936b2e-1f00-7000-8000-000000000003"), "ABC-000001", "REDACTION_APPLIED",
                        "redactor-7", "2001:db8::1", null, utf8("{}"), 0L, 1_735_689_700_000_000L));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Computes the whole vector document from the inputs with the production code. */
    static ObjectNode compute(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        root.put("description", "CERTEUS hashing v1 test vectors; see docs/HASHING.md. All binary values are lower-case hex.");
        CanonicalEncoder encoder = new CanonicalEncoder();
        LedgerHasher hasher = new LedgerHasher();

        int shard = 417;
        ArrayNode entries = root.putArray("entries");
        List<LedgerEntry> chain = TestChains.chain(shard, chainEvents());
        for (LedgerEntry entry : chain) {
            Event event = entry.event();
            ObjectNode node = entries.addObject();
            node.put("shard", shard);
            node.put("position", entry.position());
            node.put("prevHash", Hashes.hex(entry.prevHash()));
            node.put("eventId", event.eventId().toString());
            node.put("caseId", event.caseId());
            node.put("type", event.type());
            node.put("actor", event.actor());
            node.put("sourceIp", event.sourceIp());
            node.put("documentHash", event.documentHash() == null ? null : Hashes.hex(event.documentHash()));
            node.put("payloadUtf8", new String(event.payload(), StandardCharsets.UTF_8));
            node.put("payloadHex", Hashes.hex(event.payload()));
            node.put("occurredAtMicros", event.occurredAtMicros());
            node.put("ingestedAtMicros", event.ingestedAtMicros());
            int length = encoder.encodeEntry(shard, entry.position(), entry.prevHash(), event);
            node.put("encodingHex", Hashes.hex(Arrays.copyOf(encoder.array(), length)));
            node.put("hash", Hashes.hex(entry.hash()));
        }

        byte[] prev = chain.get(chain.size() - 1).hash();
        ArrayNode heads = root.putArray("shardHeads");
        List<byte[]> leafHashes = new ArrayList<>();
        long[][] headInputs = {{0, 0}, {1, 3}, {2, 0}, {3, 1}, {4, 0}};
        for (long[] input : headInputs) {
            int headShard = (int) input[0];
            long size = input[1];
            byte[] headHash = size == 0 ? Hashes.ZERO_HASH : (headShard == 1 ? prev : Hashes.sha256(new byte[] {(byte) headShard}));
            ObjectNode node = heads.addObject();
            node.put("shard", headShard);
            node.put("size", size);
            node.put("headHash", Hashes.hex(headHash));
            int length = encoder.encodeShardHead(headShard, size, headHash);
            node.put("encodingHex", Hashes.hex(Arrays.copyOf(encoder.array(), length)));
            byte[] leafHash = hasher.shardHeadLeafHash(headShard, size, headHash);
            node.put("leafHash", Hashes.hex(leafHash));
            leafHashes.add(leafHash);
        }
        byte[] merkleRoot = MerkleTree.root(leafHashes);
        root.put("merkleRootOfShardHeads", Hashes.hex(merkleRoot));
        ArrayNode paths = root.putArray("auditPaths");
        for (int i = 0; i < leafHashes.size(); i++) {
            ObjectNode node = paths.addObject();
            node.put("leafIndex", i);
            node.put("treeSize", leafHashes.size());
            ArrayNode path = node.putArray("path");
            MerkleTree.auditPath(i, leafHashes).forEach(p -> path.add(Hashes.hex(p)));
        }

        ArrayNode anchors = root.putArray("anchors");
        byte[] prevAnchor = Hashes.ZERO_HASH;
        for (long sequence = 0; sequence < 2; sequence++) {
            long anchoredAtMicros = 1_735_689_800_000_000L + sequence * 1_000_000L;
            ObjectNode node = anchors.addObject();
            node.put("sequence", sequence);
            node.put("anchoredAtMicros", anchoredAtMicros);
            node.put("shardCount", leafHashes.size());
            node.put("merkleRoot", Hashes.hex(merkleRoot));
            node.put("prevAnchorHash", Hashes.hex(prevAnchor));
            int length = encoder.encodeAnchor(sequence, anchoredAtMicros, leafHashes.size(), merkleRoot, prevAnchor);
            node.put("encodingHex", Hashes.hex(Arrays.copyOf(encoder.array(), length)));
            byte[] anchorHash = hasher.anchorHash(sequence, anchoredAtMicros, leafHashes.size(), merkleRoot, prevAnchor);
            node.put("anchorHash", Hashes.hex(anchorHash));
            prevAnchor = anchorHash;
        }
        return root;
    }

    static JsonNode read(ObjectMapper json) throws IOException {
        return json.readTree(Files.readAllBytes(FILE));
    }

    /** Regenerates the committed file; run only when the encoding version changes. */
    public static void main(String[] args) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.createDirectories(FILE.getParent());
        Files.write(FILE, (json.writeValueAsString(compute(json)) + "\n").getBytes(StandardCharsets.UTF_8));
        System.out.println("wrote " + FILE.toAbsolutePath().normalize());
    }
}
