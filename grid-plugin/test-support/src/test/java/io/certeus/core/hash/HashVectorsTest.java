package io.certeus.core.hash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certeus.core.model.Event;
import io.certeus.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class HashVectorsTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void codeReproducesTheCommittedVectors() throws Exception {
        JsonNode committed = HashVectors.read(json);
        JsonNode computed = json.readTree(json.writeValueAsString(HashVectors.compute(json)));
        assertThat(computed.toPrettyString()).isEqualTo(committed.toPrettyString());
    }

    @Test
    void committedVectorsFormALinkedChain() throws Exception {
        JsonNode entries = HashVectors.read(json).get("entries");
        assertThat(entries.get(0).get("prevHash").asText()).isEqualTo("0".repeat(64));
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).get("prevHash")).isEqualTo(entries.get(i - 1).get("hash"));
        }
    }

    @Test
    void entryEncodingStartsWithDomainTagVersionShardAndPosition() {
        Event event = TestEvents.event().build();
        CanonicalEncoder encoder = new CanonicalEncoder();
        int length = encoder.encodeEntry(0x01020304, 0x05L, Hashes.ZERO_HASH, event);
        byte[] bytes = Arrays.copyOf(encoder.array(), length);
        assertThat(new String(bytes, 0, 23, StandardCharsets.US_ASCII)).isEqualTo("CERTEUS/ledger-entry/v1");
        assertThat(bytes[23]).isZero();
        assertThat(bytes[24]).isEqualTo((byte) 1);
        assertThat(Arrays.copyOfRange(bytes, 25, 29)).containsExactly(1, 2, 3, 4);
        assertThat(Arrays.copyOfRange(bytes, 29, 37)).containsExactly(0, 0, 0, 0, 0, 0, 0, 5);
    }

    @Test
    void everyFieldChangesTheHash() {
        LedgerHasher hasher = new LedgerHasher();
        byte[] base = hasher.entryHash(1, 2, Hashes.ZERO_HASH, TestEvents.event().build());
        byte[][] variants = {
            hasher.entryHash(2, 2, Hashes.ZERO_HASH, TestEvents.event().build()),
            hasher.entryHash(1, 3, Hashes.ZERO_HASH, TestEvents.event().build()),
            hasher.entryHash(1, 2, Hashes.sha256(new byte[1]), TestEvents.event().build()),
            hasher.entryHash(1, 2, Hashes.ZERO_HASH, TestEvents.event().eventId(java.util.UUID.randomUUID()).build()),
            hasher.entryHash(1, 2, Hashes.ZERO_HASH, TestEvents.event().caseId("ABC-123457").build()),
            hasher.entryHash(1, 2, Hashes.ZERO_HASH, TestEvents.event().type("CASE_UPDATED").build()),
            hasher.entryHash(1, 2, Hashes.ZERO_HASH, TestEvents.event().actor("clerk@court.examplf").build()),
            hasher.entryHash(1, 2, Hashes.ZERO_HASH, TestEvents.event().sourceIp(null).build()),
            hasher.entryHash(1, 2, Hashes.ZERO_HASH, TestEvents.event().documentHash(new byte[32]).build()),
            hasher.entryHash(1, 2, Hashes.ZERO_HASH, TestEvents.event().payload("{\"title\":\"Case opened\",\"court\":\"District 8\"}").build()),
            hasher.entryHash(1, 2, Hashes.ZERO_HASH, TestEvents.event().occurredAtMicros(1).build()),
            hasher.entryHash(1, 2, Hashes.ZERO_HASH, TestEvents.event().ingestedAtMicros(1).build()),
        };
        for (int i = 0; i < variants.length; i++) {
            assertThat(variants[i]).as("variant %d", i).isNotEqualTo(base);
        }
    }

    @Test
    void lengthPrefixesKeepFieldBoundariesApart() {
        LedgerHasher hasher = new LedgerHasher();
        byte[] a = hasher.entryHash(0, 0, Hashes.ZERO_HASH, TestEvents.event().actor("ab").sourceIp(null).build());
        byte[] b = hasher.entryHash(0, 0, Hashes.ZERO_HASH, TestEvents.event().actor("a").sourceIp(null).build());
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void hasherReusesBuffersAcrossLargeAndSmallEntries() {
        LedgerHasher hasher = new LedgerHasher();
        Event small = TestEvents.event().build();
        byte[] first = hasher.entryHash(0, 0, Hashes.ZERO_HASH, small);
        hasher.entryHash(0, 0, Hashes.ZERO_HASH, TestEvents.event().payload("{\"a\":\"" + "x".repeat(10_000) + "\"}").build());
        assertThat(hasher.entryHash(0, 0, Hashes.ZERO_HASH, small)).isEqualTo(first);
    }
}
