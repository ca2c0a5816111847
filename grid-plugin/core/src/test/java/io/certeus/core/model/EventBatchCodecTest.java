package io.certeus.core.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventBatchCodecTest {
    private static final Event FULL = new Event(UUID.randomUUID(), "ABC-123456", "CASE_CREATED", "clerk ü", "10.0.0.1",
            new byte[32], "{\"a\":1}".getBytes(StandardCharsets.UTF_8), -5L, Event.NOT_INGESTED);
    private static final Event SPARSE = new Event(null, null, null, null, null, null, null, Long.MAX_VALUE, Event.NOT_INGESTED);

    @Test
    void roundTripsEveryFieldNullsIncludedAndAppliesTheBatchStamp() {
        byte[] encoded = EventBatchCodec.encode(List.of(FULL, SPARSE));
        List<Event> decoded = EventBatchCodec.decode(encoded, 42L);
        assertThat(decoded).containsExactly(FULL.withIngestedAtMicros(42L), SPARSE.withIngestedAtMicros(42L));
    }

    @Test
    void stampingABatchKeepsItsEncodedEvents() {
        EventBatch batch = EventBatch.of(3, List.of(FULL));
        EventBatch stamped = batch.withIngestedAtMicros(7L);
        assertThat(stamped.encodedEvents()).isSameAs(batch.encodedEvents());
        assertThat(stamped.events()).containsExactly(FULL.withIngestedAtMicros(7L));
        assertThat(stamped.lane()).isEqualTo(3);
        assertThat(stamped.eventCount()).isEqualTo(1);
    }

    @Test
    void rejectsMalformedBytesWithTheReason() {
        byte[] encoded = EventBatchCodec.encode(List.of(FULL));
        assertThatThrownBy(() -> EventBatchCodec.decode(Arrays.copyOf(encoded, encoded.length - 3), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field length out of range");
        byte[] wrongVersion = encoded.clone();
        wrongVersion[0] = 9;
        assertThatThrownBy(() -> EventBatchCodec.decode(wrongVersion, 0)).hasMessageContaining("version=9");
        byte[] hugeCount = encoded.clone();
        hugeCount[1] = 0x7f;
        assertThatThrownBy(() -> EventBatchCodec.decode(hugeCount, 0)).hasMessageContaining("event count out of range");
        byte[] trailing = Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> EventBatchCodec.decode(trailing, 0)).hasMessageContaining("trailingBytes=1");
        assertThatThrownBy(() -> EventBatchCodec.decode(new byte[] {1, 0}, 0)).hasMessageContaining("truncated");
    }
}
