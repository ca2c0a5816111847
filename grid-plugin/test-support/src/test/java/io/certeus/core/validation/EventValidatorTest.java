package io.certeus.core.validation;

import io.certeus.core.model.Event;
import io.certeus.testing.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static io.certeus.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventValidatorTest {
    private final EventValidator validator = new EventValidator();

    private Violation violationOf(TestEvents builder) {
        return validator.validate(builder.build());
    }

    @Test
    void acceptsWellFormedEvent() {
        assertThat(violationOf(event())).isNull();
    }

    @Test
    void acceptsEventWithoutOptionalFields() {
        assertThat(violationOf(event().sourceIp(null).documentHash(null))).isNull();
    }

    @Test
    void rejectsMissingEventId() {
        assertThat(violationOf(event().eventId(null)).reason()).isEqualTo(RejectReason.MISSING_EVENT_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc-123456", "AB-123456", "ABCD-12345", "ABC-12345", "ABC-1234567", "ABC_123456", "ÄBC-123456", "ABC-12345a"})
    void rejectsMalformedCaseId(String caseId) {
        Violation violation = violationOf(event().caseId(caseId));
        assertThat(violation.reason()).isEqualTo(RejectReason.BAD_CASE_ID);
        assertThat(violation.message()).contains("caseId=\"" + caseId + "\"");
    }

    @Test
    void rejectsNullCaseId() {
        assertThat(violationOf(event().caseId(null)).message()).contains("caseId=null");
    }

    @Test
    void rejectsEventWithUnknownType() {
        Violation violation = violationOf(event().type("CASE_DELETED"));
        assertThat(violation.reason()).isEqualTo(RejectReason.UNKNOWN_TYPE);
        assertThat(violation.message()).isEqualTo("unknown event type: type=\"CASE_DELETED\"");
    }

    @Test
    void rejectsTypeInWrongCase() {
        assertThat(violationOf(event().type("case_created")).reason()).isEqualTo(RejectReason.UNKNOWN_TYPE);
    }

    @Test
    void rejectsBlankActor() {
        assertThat(violationOf(event().actor("  ")).reason()).isEqualTo(RejectReason.BAD_ACTOR);
    }

    @Test
    void rejectsActorWithNulCharacter() {
        Violation violation = violationOf(event().actor("clerk\u0000x"));
        assertThat(violation.reason()).isEqualTo(RejectReason.BAD_ACTOR);
        assertThat(violation.message()).contains("index=5").contains("U+0000");
    }

    @Test
    void rejectsActorWithUnpairedSurrogate() {
        assertThat(violationOf(event().actor("clerk\uD800")).message()).contains("unpaired");
    }

    @Test
    void acceptsActorWithAstralCharacters() {
        assertThat(violationOf(event().actor("Zoë 🦉 Ωmega"))).isNull();
    }

    @Test
    void rejectsActorOverByteLimitCountingUtf8Bytes() {
        String actor = "é".repeat(129); // 258 UTF-8 bytes, 129 chars
        Violation violation = violationOf(event().actor(actor));
        assertThat(violation.reason()).isEqualTo(RejectReason.BAD_ACTOR);
        assertThat(violation.message()).contains("bytes=258").contains("maxBytes=256");
        assertThat(violationOf(event().actor("é".repeat(128)))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "255.255.255.255", "0.0.0.0", "::1", "::", "2001:db8::8a2e:370:7334",
            "fe80::1:2:3:4", "::ffff:192.0.2.1", "1:2:3:4:5:6:7:8", "1::"})
    void acceptsIpLiterals(String ip) {
        assertThat(violationOf(event().sourceIp(ip))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.", "localhost", "example.org",
            "1:2:3:4:5:6:7:8:9", "1::2::3", ":1:2", "12345::", "fe80::1%eth0", "1.2.3.4 "})
    void rejectsNonIpSourceAddress(String ip) {
        assertThat(violationOf(event().sourceIp(ip)).reason()).isEqualTo(RejectReason.BAD_SOURCE_IP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"::\u0661", "fe80::\uFF21\uFF22\uFF23\uFF24", "\u0661.2.3.4", "1.2.3.\u0664", "\uFF11::1",
            "fe80::\u0966"})
    void rejectsIpLiteralWithNonAsciiDigits(String ip) {
        assertThat(violationOf(event().sourceIp(ip)).reason()).isEqualTo(RejectReason.BAD_SOURCE_IP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0080", "\u009B", "\u009F", "\u202A", "\u202E", "\u2066", "\u2069", "\u200E", "\u200F",
            "\u061C", "\u2028", "\u2029", "\u001B", "\u0007", "\n", "\u007F"})
    void rejectsActorWithControlOrBidiCharacter(String control) {
        Violation violation = violationOf(event().actor("clerk" + control + "x"));
        assertThat(violation.reason()).isEqualTo(RejectReason.BAD_ACTOR);
        assertThat(violation.message()).contains("index=5").contains(String.format("U+%04X", (int) control.charAt(0)));
    }

    @Test
    void acceptsActorWithZeroWidthJoinerInEmoji() {
        assertThat(violationOf(event().actor("clerk \uD83D\uDC69\u200D\uD83D\uDCBB"))).isNull();
    }

    @Test
    void messagesEscapeControlCharactersAndCutLongValues() {
        Violation forged = violationOf(event().caseId("X\nline 99: OK\u001B[2J"));
        assertThat(forged.message()).doesNotContain("\n").doesNotContain("\u001B").contains("\\u000A").contains("\\u001B");
        Violation huge = violationOf(event().type("T".repeat(10_000_000)));
        assertThat(huge.message()).hasSizeLessThan(200).contains("chars=10000000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"b\":1}}", "{\"x\":[{\"k\":1,\"k\":null}]}"})
    void rejectsPayloadWithDuplicateKeysAtAnyDepth(String json) {
        Violation violation = violationOf(event().payload(json));
        assertThat(violation.reason()).isEqualTo(RejectReason.BAD_PAYLOAD);
        assertThat(violation.message()).contains("Duplicate field");
    }

    @Test
    void acceptsSameKeyInSiblingObjects() {
        assertThat(violationOf(event().payload("{\"a\":{\"k\":1},\"b\":{\"k\":2}}"))).isNull();
    }

    @Test
    void acceptsOccurredAtAtBothEndsOfTheRange() {
        assertThat(violationOf(event().occurredAtMicros(EventLimits.MIN_OCCURRED_AT_MICROS))).isNull();
        assertThat(violationOf(event().occurredAtMicros(EventLimits.MAX_OCCURRED_AT_MICROS))).isNull();
        assertThat(EpochMicros.toInstant(EventLimits.MAX_OCCURRED_AT_MICROS)).hasToString("9999-12-31T23:59:59.999999Z");
    }

    @Test
    void rejectsOccurredAtJustPastTheEndAndAtTheExtremesOfALong() {
        for (long micros : new long[] {EventLimits.MAX_OCCURRED_AT_MICROS + 1, Long.MAX_VALUE, Long.MIN_VALUE}) {
            Violation violation = violationOf(event().occurredAtMicros(micros));
            assertThat(violation.reason()).as("micros=%d", micros).isEqualTo(RejectReason.BAD_OCCURRED_AT);
            assertThat(violation.message()).contains("occurredAtMicros=" + micros);
        }
        assertThat(violationOf(event().occurredAtMicros(EventLimits.MAX_OCCURRED_AT_MICROS + 1)).message())
                .contains("occurredAt=+10000-01-01T00:00:00Z");
    }

    @Test
    void rejectsDocumentHashOfWrongLength() {
        Violation violation = violationOf(event().documentHash(new byte[31]));
        assertThat(violation.reason()).isEqualTo(RejectReason.BAD_DOCUMENT_HASH);
        assertThat(violation.message()).contains("length=31");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"text\"", "42", "null", "{", "{\"a\":}", "{\"a\":1} {}", "{\"a\":1}x", "", "{'a':1}"})
    void rejectsPayloadThatIsNotOneJsonObject(String json) {
        assertThat(violationOf(event().payload(json)).reason()).isEqualTo(RejectReason.BAD_PAYLOAD);
    }

    @Test
    void acceptsNestedPayloadWithWhitespace() {
        assertThat(violationOf(event().payload(" {\"a\": [1, {\"b\": null}], \"c\": \"\\u0000 ok\"}\n"))).isNull();
    }

    @Test
    void rejectsMissingPayload() {
        assertThat(violationOf(event().payload(null)).reason()).isEqualTo(RejectReason.BAD_PAYLOAD);
    }

    @Test
    void rejectsPayloadWithInvalidUtf8() {
        byte[] payload = "{\"a\":\"xx\"}".getBytes(StandardCharsets.UTF_8);
        payload[6] = (byte) 0xC3; // lead byte followed by an ASCII byte
        Violation violation = violationOf(event().payloadBytes(payload));
        assertThat(violation.reason()).isEqualTo(RejectReason.BAD_PAYLOAD);
        assertThat(violation.message()).contains("byteOffset=6");
    }

    @Test
    void rejectsPayloadWithOverlongUtf8() {
        byte[] payload = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        assertThat(violationOf(event().payloadBytes(payload)).message()).contains("not valid UTF-8");
    }

    @Test
    void rejectsPayloadOverTheLimitAndAcceptsOneAtIt() {
        int limit = EventLimits.DEFAULT_MAX_PAYLOAD_BYTES;
        String atLimit = "{\"a\":\"" + "x".repeat(limit - 8) + "\"}";
        assertThat(atLimit.length()).isEqualTo(limit);
        assertThat(violationOf(event().payload(atLimit))).isNull();
        Violation violation = violationOf(event().payload(atLimit.replace("\"a\"", "\"ab\"")));
        assertThat(violation.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_LARGE);
        assertThat(violation.message()).contains("bytes=" + (limit + 1)).contains("maxBytes=" + limit);
    }

    @Test
    void rejectsOccurredAtBeforeEpoch() {
        assertThat(violationOf(event().occurredAtMicros(-1)).reason()).isEqualTo(RejectReason.BAD_OCCURRED_AT);
    }

    @Test
    void validateIngestedRequiresTheIngestStamp() {
        Event unstamped = event().ingestedAtMicros(Event.NOT_INGESTED).build();
        assertThat(validator.validate(unstamped)).isNull();
        assertThat(validator.validateIngested(unstamped).reason()).isEqualTo(RejectReason.NOT_INGESTED);
    }

    @Test
    void requireValidThrowsTypedExceptionWithReason() {
        assertThatThrownBy(() -> validator.requireValid(event().type("NOPE").build()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("UNKNOWN_TYPE: unknown event type: type=\"NOPE\"")
                .satisfies(e -> assertThat(((InvalidEventException) e).reason()).isEqualTo(RejectReason.UNKNOWN_TYPE));
    }

    @Test
    void refusesLimitsOutOfRange() {
        assertThatThrownBy(() -> new EventLimits(0, 10)).hasMessageContaining("key=certeus.pipeline.max.payload.bytes, value=0");
        assertThatThrownBy(() -> new EventLimits(100, 0)).hasMessageContaining("key=certeus.pipeline.max.actor.bytes, value=0");
    }
}
