package io.certeus.member.internal.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerJobMetersTest {
    @Test
    void mapsJetVerticesToStagesIncludingFusedOnes() {
        assertThat(LedgerJobMeters.stageOf("ingest")).isEqualTo("ingest");
        assertThat(LedgerJobMeters.stageOf("lookup")).isEqualTo("lookup");
        assertThat(LedgerJobMeters.stageOf("fused(chained-filter, chained, commit)")).isEqualTo("commit");
        assertThat(LedgerJobMeters.stageOf("fused(accepted-filter, accepted)")).isNull();
        assertThat(LedgerJobMeters.stageOf("mapSink(certeus-ledger)")).isNull();
        assertThat(LedgerJobMeters.stageOf(null)).isNull();
    }

    @Test
    void countsGrowthWithinAnExecutionAndRestartsWithANewOne() {
        LedgerJobMeters.Deltas deltas = new LedgerJobMeters.Deltas();
        assertThat(deltas.delta("k", 10, "e1")).isEqualTo(10);
        assertThat(deltas.delta("k", 25, "e1")).isEqualTo(15);
        assertThat(deltas.delta("k", 25, "e1")).isZero();
        assertThat(deltas.delta("k", 4, "e2")).as("a new execution counts from 0").isEqualTo(4);
        assertThat(deltas.delta("k", 30, "e3")).as("restart seen only through the execution id").isEqualTo(30);
    }

    @Test
    void healthDocumentIsJsonWithEachCheck() {
        MemberHealth.Report report = new MemberHealth.Report("m1", new java.util.LinkedHashMap<>(java.util.Map.of(
                "postgres", HealthCheck.Result.fail("unreachable: error=\"refused\"\n"))));
        assertThat(report.healthy()).isFalse();
        assertThat(report.failing()).containsExactly("postgres");
        assertThat(report.toJson()).isEqualTo("{\"status\":\"DOWN\",\"member\":\"m1\",\"checks\":{\"postgres\":{\"status\":\"fail\","
                + "\"reason\":\"unreachable: error=\\\"refused\\\"\\n\"}}}");
    }
}
