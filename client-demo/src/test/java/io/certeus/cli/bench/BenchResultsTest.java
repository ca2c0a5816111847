package io.certeus.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchResultsTest {
    private static final String[] REQUIRED = {"members", "events", "e2e_events_per_s", "first_decile_events_per_s",
        "last_decile_events_per_s", "putall_ceiling_per_s", "copy_ceiling_rows_per_s", "max_sustainable_events_per_s",
        "ack_p50_ms", "ack_p99_ms", "ack_p999_ms", "ack_max_ms", "chained_p50_ms", "chained_p99_ms", "chained_p999_ms",
        "chained_max_ms", "durable_p50_ms", "durable_p99_ms", "durable_p999_ms", "durable_max_ms", "lost", "duplicated",
        "forks", "verified", "ceilings", "settings", "machine"};

    @Test
    void jsonHoldsEveryRequiredFieldWithItsValue() {
        BenchResults results = new BenchResults();
        results.members = 3;
        results.events = 1_000;
        results.e2eEventsPerS = 2_500.4444;
        results.firstDecileEventsPerS = 2_600;
        results.lastDecileEventsPerS = 2_400;
        results.putAllCeilingPerS = 90_000;
        results.copyCeilingRowsPerS = 300_000;
        results.maxSustainableEventsPerS = 3_000L;
        results.ack = histogram(2_000, 40_000);
        results.chained = histogram(5_000, 80_000);
        results.durable = histogram(900_000, 1_500_000);
        results.lost = 0;
        results.duplicated = 0;
        results.forks = 0;
        results.verified = true;
        results.ceilingsOrder = "first";
        results.settings = new BenchSettings();

        JsonNode json = results.toJson(new ObjectMapper());

        for (String field : REQUIRED) {
            assertThat(json.has(field)).as("field %s", field).isTrue();
        }
        assertThat(json.get("members").asInt()).isEqualTo(3);
        assertThat(json.get("e2e_events_per_s").asDouble()).isEqualTo(2_500.444);
        assertThat(json.get("max_sustainable_events_per_s").asLong()).isEqualTo(3_000);
        assertThat(json.get("ack_p99_ms").asDouble()).isBetween(39.0, 41.0);
        assertThat(json.get("durable_max_ms").asDouble()).isBetween(1_499.0, 1_501.0);
        assertThat(json.get("verified").asBoolean()).isTrue();
        assertThat(json.get("machine").get("cores").asInt()).isPositive();
    }

    @Test
    void unmeasuredFiguresAreNullNotZero() {
        BenchResults results = new BenchResults();
        JsonNode json = results.toJson(new ObjectMapper());
        assertThat(json.get("putall_ceiling_per_s").isNull()).isTrue();
        assertThat(json.get("max_sustainable_events_per_s").isNull()).isTrue();
        assertThat(json.get("chained_p99_ms").isNull()).isTrue();
        assertThat(json.get("lost").asLong()).as("not checked").isEqualTo(-1);
    }

    private static Histogram histogram(long lowUs, long highUs) {
        Histogram histogram = new Histogram(LatencyRecorder.HIGHEST_US, 3);
        for (int i = 0; i < 99; i++) {
            histogram.recordValue(lowUs);
        }
        histogram.recordValue(highUs);
        histogram.recordValue(highUs);
        return histogram;
    }
}
