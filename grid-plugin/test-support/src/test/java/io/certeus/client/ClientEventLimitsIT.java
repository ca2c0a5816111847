package io.certeus.client;

import io.certeus.core.model.Event;
import io.certeus.core.model.EventType;
import io.certeus.core.validation.EventLimits;
import io.certeus.core.validation.InvalidEventException;
import io.certeus.core.validation.RejectReason;
import io.certeus.testing.TestGridWithClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client validates with the limits the members configure, not with its own defaults. */
class ClientEventLimitsIT {
    @Test
    @Timeout(60)
    void aPayloadOverTheMembersLimitIsRefusedByTheClientAtOnce() throws Exception {
        try (TestGridWithClient grid = new TestGridWithClient("limits",
                Map.of(EventLimits.MAX_PAYLOAD_BYTES_SETTING.key(), "64"))) {
            String justOver = "{\"note\":\"" + "x".repeat(60) + "\"}";
            assertThat(justOver.length()).isGreaterThan(64).isLessThan(EventLimits.DEFAULT_MAX_PAYLOAD_BYTES);
            Event tooLarge = EventBuilder.event("LIM-000001", EventType.CASE_CREATED).actor("clerk").payload(justOver).build();

            assertThatThrownBy(() -> grid.certeus().append(tooLarge))
                    .isInstanceOf(InvalidEventException.class)
                    .satisfies(e -> assertThat(((InvalidEventException) e).violation().reason()).isEqualTo(RejectReason.PAYLOAD_TOO_LARGE));
            Event small = EventBuilder.event("LIM-000001", EventType.CASE_CREATED).actor("clerk").payload("{}").build();
            grid.certeus().append(small).get(30, TimeUnit.SECONDS);
        }
    }
}
