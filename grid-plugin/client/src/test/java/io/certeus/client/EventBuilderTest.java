package io.certeus.client;

import io.certeus.core.model.Event;
import io.certeus.core.model.EventType;
import io.certeus.core.validation.EventLimits;
import io.certeus.core.validation.EventValidator;
import io.certeus.core.validation.RejectReason;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EventBuilderTest {
    private final EventValidator validator = new EventValidator();

    private Event at(Instant occurredAt) {
        return EventBuilder.event("CIV-000001", EventType.CASE_CREATED).actor("clerk").occurredAt(occurredAt).build();
    }

    @Test
    void buildsTheLatestAcceptedInstantWithoutOverflow() {
        Event event = at(Instant.parse("9999-12-31T23:59:59.999999Z"));
        assertThat(event.occurredAtMicros()).isEqualTo(EventLimits.MAX_OCCURRED_AT_MICROS);
        assertThat(validator.validate(event)).isNull();
    }

    @Test
    void buildsInstantsPastTheNanosecondRangeAndTheValidatorJudgesThem() {
        assertThat(validator.validate(at(Instant.parse("2300-06-01T12:00:00Z")))).isNull();
        assertThat(validator.validate(at(Instant.parse("1600-01-01T00:00:00Z"))).reason()).isEqualTo(RejectReason.BAD_OCCURRED_AT);
    }

    @Test
    void instantsBeyondALongOfMicrosAreRefusedAsBadOccurredAtNotThrown() {
        for (Instant extreme : new Instant[] {Instant.MAX, Instant.MIN, Instant.parse("+300000-01-01T00:00:00Z")}) {
            Event event = at(extreme);
            assertThat(validator.validate(event).reason()).as("%s", extreme).isEqualTo(RejectReason.BAD_OCCURRED_AT);
        }
    }

    @Test
    void dropsSubMicrosecondDigits() {
        assertThat(at(Instant.parse("2026-01-01T00:00:00.000000999Z")).occurredAtMicros()).isEqualTo(1_767_225_600_000_000L);
    }
}
