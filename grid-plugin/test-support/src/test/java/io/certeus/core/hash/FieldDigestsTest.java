package io.certeus.core.hash;

import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class FieldDigestsTest {
    private final FieldDigests digests = new FieldDigests();

    private static LedgerEntry entryOf(Event event) {
        return new LedgerEntry(event, 7, 3, Hashes.ZERO_HASH, Hashes.sha256(new byte[] {1}));
    }

    @Test
    void unchangedEntryHasNoChangedField() {
        LedgerEntry entry = entryOf(TestEvents.event().documentHash(Hashes.sha256(new byte[] {2})).build());
        assertThat(digests.firstChangedField(entry, digests.digest(entry))).isNull();
    }

    @Test
    void namesEachChangedField() {
        Event base = TestEvents.event().build();
        byte[] stored = digests.digest(entryOf(base));
        assertThat(digests.firstChangedField(entryOf(TestEvents.event().eventId(UUID.randomUUID()).build()), stored))
                .isEqualTo("eventId");
        assertThat(digests.firstChangedField(entryOf(TestEvents.event().caseId("ABC-123457").build()), stored))
                .isEqualTo("caseId");
        assertThat(digests.firstChangedField(entryOf(TestEvents.event().type("CASE_UPDATED").build()), stored)).isEqualTo("type");
        assertThat(digests.firstChangedField(entryOf(TestEvents.event().actor("clerk@court.examplf").build()), stored))
                .isEqualTo("actor");
        assertThat(digests.firstChangedField(entryOf(TestEvents.event().sourceIp("192.0.2.11").build()), stored))
                .isEqualTo("sourceIp");
        assertThat(digests.firstChangedField(entryOf(TestEvents.event().documentHash(new byte[32]).build()), stored))
                .isEqualTo("documentHash");
        assertThat(digests.firstChangedField(entryOf(TestEvents.event().payload("{\"title\":\"Case opened\",\"court\":\"District 8\"}").build()), stored))
                .isEqualTo("payload");
        assertThat(digests.firstChangedField(entryOf(TestEvents.event().occurredAtMicros(1).build()), stored)).isEqualTo("occurredAt");
        assertThat(digests.firstChangedField(entryOf(TestEvents.event().ingestedAtMicros(1).build()), stored)).isEqualTo("ingestedAt");
    }

    @Test
    void ignoresMissingOrMalformedStoredDigests() {
        LedgerEntry entry = entryOf(TestEvents.event().build());
        assertThat(digests.firstChangedField(entry, null)).isNull();
        assertThat(digests.firstChangedField(entry, new byte[5])).isNull();
    }
}
