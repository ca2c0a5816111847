package io.certeus.cli.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certeus.core.hash.Hashes;
import io.certeus.core.validation.PrintableText;
import io.certeus.core.verify.StoredSignature;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a published anchor list as {@code certeus anchors export} writes it, to serve as the trusted
 * input of {@code proof verify --anchors} and {@code verify --published}: each anchor's sequence and
 * hash, and the signatures listed with it. The file is trusted as a
 * whole (it must come from somewhere other than the proof); here it is only checked to be well formed.
 *
 * <p>Thread-safe: the shared {@link ObjectMapper} is only used to parse.
 */
public final class AnchorsFileReader {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    /** An anchors file that is not a well-formed CERTEUS anchor export. */
    public static final class MalformedAnchorsException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedAnchorsException(String message) {
            super(message);
        }
    }

    /** anchorHash by anchor sequence. */
    public Map<Long, byte[]> read(byte[] file) throws MalformedAnchorsException {
        return hashes(root(file));
    }

    /**
     * The signatures the file lists for each anchor ({@code anchors[].signatures}), each over that
     * anchor's sequence and hash; none for an anchor listed without any.
     */
    public List<StoredSignature> readSignatures(byte[] file) throws MalformedAnchorsException {
        JsonNode root = root(file);
        Map<Long, byte[]> hashes = hashes(root);
        List<StoredSignature> signatures = new ArrayList<>();
        int index = 0;
        for (JsonNode anchor : root.get("anchors")) {
            long sequence = anchor.get("sequence").asLong();
            int at = 0;
            for (JsonNode signature : anchor.path("signatures")) {
                String where = "anchors[" + index + "].signatures[" + at++ + "]";
                signatures.add(new StoredSignature(sequence, hashes.get(sequence), text(signature, "keyId", where),
                        hex(signature, "publicKey", where), hex(signature, "signature", where)));
            }
            index++;
        }
        return signatures;
    }

    private static String text(JsonNode node, String field, String where) throws MalformedAnchorsException {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new MalformedAnchorsException(where + "." + field + " is not a string");
        }
        return value.asText();
    }

    private static byte[] hex(JsonNode node, String field, String where) throws MalformedAnchorsException {
        try {
            return Hashes.fromHex(text(node, field, where));
        } catch (IllegalArgumentException e) {
            throw new MalformedAnchorsException(where + "." + field + " is not hex");
        }
    }

    private static JsonNode root(byte[] file) throws MalformedAnchorsException {
        JsonNode root;
        try {
            root = MAPPER.readTree(file);
        } catch (JacksonException e) {
            String first = e.getOriginalMessage() == null ? "unparseable" : e.getOriginalMessage().split("\n", 2)[0];
            throw new MalformedAnchorsException("anchors file is not valid JSON: " + PrintableText.message(first, 200));
        } catch (java.io.IOException e) {
            throw new MalformedAnchorsException("anchors file is not readable as JSON: " + e.getMessage());
        }
        if (root == null || !"certeus-anchors".equals(root.path("format").asText()) || root.path("version").asInt() != 1
                || !root.path("anchors").isArray()) {
            throw new MalformedAnchorsException("not a CERTEUS anchor export of version 1 (format, version, anchors)");
        }
        return root;
    }

    private static Map<Long, byte[]> hashes(JsonNode root) throws MalformedAnchorsException {
        Map<Long, byte[]> hashes = new HashMap<>();
        int index = 0;
        for (JsonNode anchor : root.get("anchors")) {
            JsonNode sequence = anchor.path("sequence");
            JsonNode hash = anchor.path("anchorHash");
            if (!sequence.isIntegralNumber() || !sequence.canConvertToLong() || !hash.isTextual()) {
                throw new MalformedAnchorsException("anchors[" + index + "] lacks an integer sequence or a hex anchorHash");
            }
            byte[] bytes;
            try {
                bytes = Hashes.fromHex(hash.asText());
            } catch (IllegalArgumentException e) {
                bytes = null;
            }
            if (bytes == null || bytes.length != Hashes.HASH_BYTES) {
                throw new MalformedAnchorsException("anchors[" + index + "].anchorHash is not 32 bytes of hex");
            }
            if (hashes.put(sequence.asLong(), bytes) != null) {
                throw new MalformedAnchorsException("anchors file lists a sequence twice: sequence=" + sequence.asLong());
            }
            index++;
        }
        return hashes;
    }
}
