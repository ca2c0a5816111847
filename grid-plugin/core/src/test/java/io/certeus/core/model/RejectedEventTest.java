package io.certeus.core.model;

import io.certeus.core.hash.Hashes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RejectedEventTest {
    private static final UUID ID = UUID.fromString("01900000-0000-7000-8000-000000000001");

    @Test
    void smallRecordsAreKeptWhole() {
        Event event = new Event(ID, "ABC-123456", "CASE_CREATED", "clerk", "10.0.0.1", null, "{}".getBytes(StandardCharsets.UTF_8), 1, 2);
        RejectedEvent rejected = RejectedEvent.bounded(event, "BAD_PAYLOAD", "why", 3);
        assertThat(rejected.event()).isEqualTo(event);
        assertThat(rejected.cutFields()).isNull();
        assertThat(rejected.message()).isEqualTo("why");
    }

    @Test
    void oversizeFieldsKeepAPrefixAndTheDigestOfTheWhole() {
        byte[] payload = new byte[5 * 1024 * 1024];
        Arrays.fill(payload, (byte) 'x');
        byte[] documentHash = new byte[1024 * 1024];
        String caseId = "C".repeat(RejectedEvent.MAX_KEPT_CHARS - 1) + "\uD83D\uDE00" + "tail";
        Event event = new Event(ID, caseId, "T", "a", null, documentHash, payload, 1, 2);

        RejectedEvent rejected = RejectedEvent.bounded(event, "PAYLOAD_TOO_LARGE", "m".repeat(5000), 3);

        assertThat(rejected.event().payload()).hasSize(RejectedEvent.MAX_KEPT_BYTES);
        assertThat(rejected.event().documentHash()).hasSize(RejectedEvent.MAX_KEPT_BYTES);
        assertThat(rejected.event().caseId()).as("never splits a surrogate pair").isEqualTo("C".repeat(RejectedEvent.MAX_KEPT_CHARS - 1));
        assertThat(rejected.message()).hasSizeLessThan(RejectedEvent.MAX_MESSAGE_CHARS + 20).endsWith("(5000 chars)");
        assertThat(rejected.cutFields()).isEqualTo(
                "caseId chars=" + caseId.length() + " sha256=" + Hashes.hex(Hashes.sha256(caseId.getBytes(StandardCharsets.UTF_8)))
                        + "; documentHash bytes=1048576 sha256=" + Hashes.hex(Hashes.sha256(documentHash))
                        + "; payload bytes=5242880 sha256=" + Hashes.hex(Hashes.sha256(payload)));
        assertThat(RejectedEvent.bounded(event, "PAYLOAD_TOO_LARGE", "m".repeat(5000), 3)).as("deterministic").isEqualTo(rejected);
    }
}
