package io.certeus.cli.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.proof.InclusionProof;
import io.certeus.core.validation.CanonicalUuid;
import io.certeus.core.validation.PrintableText;
import io.certeus.core.validation.Utf8Validator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a proof file as {@code certeus proof get} writes it ({@link LedgerJson#proof(InclusionProof)}),
 * checking every field before anything is verified: exactly the known keys (none repeated, none
 * unknown, none missing), the JSON type of each, integers in range, hashes of 32 bytes, eventId as
 * canonical UUID text, and the human-readable {@code payload} equal to the UTF-8 text of
 * {@code payloadHex} (the hex is what is hashed; the text must not say something else). Anything
 * else is a {@link MalformedProofException} naming the field, never a NullPointerException.
 *
 * <p>Thread-safe: the shared {@link ObjectMapper} is only used to parse.
 */
public final class ProofFileReader {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private static final Set<String> PROOF_KEYS = Set.of("format", "version", "anchor", "auditPath", "segment");
    private static final Set<String> ANCHOR_KEYS = Set.of("sequence", "anchoredAtMicros", "shardCount", "merkleRoot",
            "prevAnchorHash", "anchorHash");
    private static final Set<String> ENTRY_KEYS = Set.of("shard", "position", "eventId", "caseId", "type", "actor",
            "sourceIp", "documentHash", "payload", "payloadHex", "occurredAtMicros", "ingestedAtMicros", "prevHash", "hash");
    private static final String FORMAT = "certeus-inclusion-proof";

    /** A proof file that is not a well-formed CERTEUS inclusion proof. */
    public static final class MalformedProofException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedProofException(String message) {
            super(message);
        }
    }

    public InclusionProof read(byte[] file) throws MalformedProofException {
        JsonNode root;
        try {
            root = MAPPER.readTree(file);
        } catch (JacksonException e) {
            String first = e.getOriginalMessage() == null ? "unparseable" : e.getOriginalMessage().split("\n", 2)[0];
            throw new MalformedProofException("not valid JSON: " + PrintableText.message(first, 200));
        } catch (java.io.IOException e) {
            throw new MalformedProofException("not readable as JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedProofException("not a JSON object");
        }
        requireKeys(root, PROOF_KEYS, "proof");
        if (!FORMAT.equals(text(root, "format", "proof"))) {
            throw new MalformedProofException("not a CERTEUS inclusion proof: format=" + PrintableText.quote(root.get("format").asText()));
        }
        long version = integer(root, "version", "proof", Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (version != LedgerJson.PROOF_FORMAT_VERSION) {
            throw new MalformedProofException("unsupported proof version: version=" + version + ", supported="
                    + LedgerJson.PROOF_FORMAT_VERSION);
        }
        JsonNode anchor = object(root, "anchor", "proof");
        requireKeys(anchor, ANCHOR_KEYS, "anchor");
        List<byte[]> auditPath = new ArrayList<>();
        JsonNode path = array(root, "auditPath", "proof");
        for (int i = 0; i < path.size(); i++) {
            auditPath.add(hash(path.get(i), "auditPath[" + i + "]"));
        }
        JsonNode segmentNode = array(root, "segment", "proof");
        if (segmentNode.isEmpty()) {
            throw new MalformedProofException("segment is empty: it must hold at least the proven entry");
        }
        List<LedgerEntry> segment = new ArrayList<>();
        for (int i = 0; i < segmentNode.size(); i++) {
            segment.add(entry(segmentNode.get(i), "segment[" + i + "]"));
        }
        return new InclusionProof(segment, auditPath,
                integer(anchor, "sequence", "anchor", 0, Long.MAX_VALUE),
                integer(anchor, "anchoredAtMicros", "anchor", Long.MIN_VALUE, Long.MAX_VALUE),
                (int) integer(anchor, "shardCount", "anchor", 1, Integer.MAX_VALUE),
                hash(anchor.get("merkleRoot"), "anchor.merkleRoot"),
                hash(anchor.get("prevAnchorHash"), "anchor.prevAnchorHash"),
                hash(anchor.get("anchorHash"), "anchor.anchorHash"));
    }

    private static LedgerEntry entry(JsonNode node, String where) throws MalformedProofException {
        if (!node.isObject()) {
            throw new MalformedProofException(where + " must be an object");
        }
        requireKeys(node, ENTRY_KEYS, where);
        String eventIdText = text(node, "eventId", where);
        UUID eventId = CanonicalUuid.parseOrNull(eventIdText);
        if (eventId == null) {
            throw new MalformedProofException(where + ".eventId is not canonical UUID text: eventId=" + PrintableText.quote(eventIdText));
        }
        byte[] payload = hex(node.get("payloadHex"), where + ".payloadHex", -1);
        int badUtf8 = Utf8Validator.firstInvalidByte(payload);
        if (badUtf8 >= 0) {
            throw new MalformedProofException(where + ".payloadHex is not UTF-8: byteOffset=" + badUtf8);
        }
        String payloadText = text(node, "payload", where);
        if (!payloadText.equals(new String(payload, StandardCharsets.UTF_8))) {
            throw new MalformedProofException(where + ".payload differs from the text of payloadHex (the hex is what the"
                    + " hash covers): payload=" + PrintableText.quote(payloadText));
        }
        JsonNode documentHash = node.get("documentHash");
        JsonNode sourceIp = node.get("sourceIp");
        if (!sourceIp.isNull() && !sourceIp.isTextual()) {
            throw new MalformedProofException(where + ".sourceIp must be a string or null");
        }
        Event event = new Event(eventId, text(node, "caseId", where), text(node, "type", where), text(node, "actor", where),
                sourceIp.isNull() ? null : sourceIp.asText(),
                documentHash.isNull() ? null : hash(documentHash, where + ".documentHash"),
                payload,
                integer(node, "occurredAtMicros", where, Long.MIN_VALUE, Long.MAX_VALUE),
                integer(node, "ingestedAtMicros", where, Long.MIN_VALUE, Long.MAX_VALUE));
        return new LedgerEntry(event, (int) integer(node, "shard", where, 0, Integer.MAX_VALUE),
                integer(node, "position", where, 0, Long.MAX_VALUE),
                hash(node.get("prevHash"), where + ".prevHash"), hash(node.get("hash"), where + ".hash"));
    }

    /** Every key of {@code expected} present, and no other. */
    private static void requireKeys(JsonNode node, Set<String> expected, String where) throws MalformedProofException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!expected.contains(name)) {
                throw new MalformedProofException(where + " has an unknown field: field=" + PrintableText.quote(name));
            }
        }
        for (String name : expected) {
            if (!node.has(name)) {
                throw new MalformedProofException(where + " lacks a field: field=" + name);
            }
        }
    }

    private static String text(JsonNode node, String field, String where) throws MalformedProofException {
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            throw new MalformedProofException(where + "." + field + " must be a string");
        }
        return value.asText();
    }

    private static long integer(JsonNode node, String field, String where, long min, long max) throws MalformedProofException {
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new MalformedProofException(where + "." + field + " must be an integer within a signed 64-bit range");
        }
        long number = value.asLong();
        if (number < min || number > max) {
            throw new MalformedProofException(where + "." + field + " out of range: value=" + number + ", allowed=[" + min
                    + ", " + max + "]");
        }
        return number;
    }

    private static JsonNode object(JsonNode node, String field, String where) throws MalformedProofException {
        JsonNode value = node.get(field);
        if (!value.isObject()) {
            throw new MalformedProofException(where + "." + field + " must be an object");
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String field, String where) throws MalformedProofException {
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw new MalformedProofException(where + "." + field + " must be an array");
        }
        return value;
    }

    private static byte[] hash(JsonNode value, String where) throws MalformedProofException {
        return hex(value, where, Hashes.HASH_BYTES);
    }

    /** Hex text of {@code length} bytes ({@code -1}: any length). */
    private static byte[] hex(JsonNode value, String where, int length) throws MalformedProofException {
        if (value == null || !value.isTextual()) {
            throw new MalformedProofException(where + " must be a hex string");
        }
        byte[] bytes;
        try {
            bytes = Hashes.fromHex(value.asText());
        } catch (IllegalArgumentException e) {
            throw new MalformedProofException(where + " is not hex: value=" + PrintableText.quote(value.asText()));
        }
        if (length >= 0 && bytes.length != length) {
            throw new MalformedProofException(where + " has the wrong length: bytes=" + bytes.length + ", expected=" + length);
        }
        return bytes;
    }
}
