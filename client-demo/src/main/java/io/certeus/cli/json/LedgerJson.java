package io.certeus.cli.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.Receipt;
import io.certeus.core.proof.InclusionProof;
import io.certeus.core.verify.StoredSignature;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * JSON forms of ledger entries, receipts, anchors and inclusion proofs, as the CLI prints them
 * ({@link ProofFileReader} reads a proof back, checking every field). Binary values are lower-case hex; the payload appears both as text and as exact hex, and
 * the hex is what a proof is checked against.
 *
 * <p>Thread-safe: the {@link ObjectMapper} is used only for thread-safe node creation and parsing.
 */
public final class LedgerJson {
    public static final int PROOF_FORMAT_VERSION = 1;

    private final ObjectMapper mapper = new ObjectMapper();

    public ObjectMapper mapper() {
        return mapper;
    }

    public ObjectNode entry(LedgerEntry entry) {
        Event event = entry.event();
        ObjectNode node = mapper.createObjectNode();
        node.put("shard", entry.shard());
        node.put("position", entry.position());
        node.put("eventId", event.eventId().toString());
        node.put("caseId", event.caseId());
        node.put("type", event.type());
        node.put("actor", event.actor());
        node.put("sourceIp", event.sourceIp());
        node.put("documentHash", event.documentHash() == null ? null : Hashes.hex(event.documentHash()));
        node.put("payload", new String(event.payload(), StandardCharsets.UTF_8));
        node.put("payloadHex", Hashes.hex(event.payload()));
        node.put("occurredAtMicros", event.occurredAtMicros());
        node.put("ingestedAtMicros", event.ingestedAtMicros());
        node.put("prevHash", Hashes.hex(entry.prevHash()));
        node.put("hash", Hashes.hex(entry.hash()));
        return node;
    }

    public ObjectNode receipt(Receipt receipt) {
        ObjectNode node = mapper.createObjectNode();
        node.put("eventId", receipt.eventId().toString());
        node.put("caseId", receipt.caseId());
        node.put("shard", receipt.shard());
        node.put("position", receipt.position());
        node.put("hash", Hashes.hex(receipt.hash()));
        return node;
    }

    /** An anchor for publication: its hashed fields and the anchor hash; the head list is left out. */
    public ObjectNode anchor(Anchor anchor) {
        ObjectNode node = mapper.createObjectNode();
        node.put("sequence", anchor.sequence());
        node.put("anchoredAtMicros", anchor.anchoredAtMicros());
        node.put("shardCount", anchor.shardCount());
        node.put("merkleRoot", Hashes.hex(anchor.merkleRoot()));
        node.put("prevAnchorHash", Hashes.hex(anchor.prevAnchorHash()));
        node.put("anchorHash", Hashes.hex(anchor.anchorHash()));
        return node;
    }

    /**
     * As {@link #anchor(Anchor)}, with {@code signatures}: the stored signatures over this anchor's own
     * hash, each {@code {keyId, publicKey (X.509 DER, hex), signature (hex)}} (docs/HASHING.md).
     */
    public ObjectNode anchor(Anchor anchor, List<StoredSignature> signatures) {
        ObjectNode node = anchor(anchor);
        ArrayNode signed = node.putArray("signatures");
        for (StoredSignature signature : signatures) {
            if (signature.sequence() == anchor.sequence() && java.util.Arrays.equals(signature.anchorHash(), anchor.anchorHash())) {
                ObjectNode entry = signed.addObject();
                entry.put("keyId", signature.keyId());
                entry.put("publicKey", Hashes.hex(signature.publicKey()));
                entry.put("signature", Hashes.hex(signature.signature()));
            }
        }
        return node;
    }

    public ObjectNode proof(InclusionProof proof) {
        ObjectNode node = mapper.createObjectNode();
        node.put("format", "certeus-inclusion-proof");
        node.put("version", PROOF_FORMAT_VERSION);
        ObjectNode anchor = node.putObject("anchor");
        anchor.put("sequence", proof.anchorSequence());
        anchor.put("anchoredAtMicros", proof.anchoredAtMicros());
        anchor.put("shardCount", proof.shardCount());
        anchor.put("merkleRoot", Hashes.hex(proof.merkleRoot()));
        anchor.put("prevAnchorHash", Hashes.hex(proof.prevAnchorHash()));
        anchor.put("anchorHash", Hashes.hex(proof.anchorHash()));
        ArrayNode path = node.putArray("auditPath");
        proof.auditPath().forEach(hash -> path.add(Hashes.hex(hash)));
        ArrayNode segment = node.putArray("segment");
        proof.segment().forEach(entry -> segment.add(entry(entry)));
        return node;
    }
}
