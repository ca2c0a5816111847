package io.certeus.cli.top;

import io.certeus.member.internal.counters.CerteusCounter;
import io.certeus.member.internal.counters.CountersSnapshot;
import io.certeus.member.internal.counters.JetStageTotals;
import io.certeus.core.metrics.StageMetrics;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TopRendererTest {
    private static final long NOW_MS = 1_700_000_010_000L;
    private static final Path DIR = Path.of("/tmp/certeus-counters");

    @Test
    void rendersRatesTotalsAndStatePerMemberWithTotalsOverLiveMembers() {
        Map<CerteusCounter, Long> busy = values(10_000, 9_000, 9_000, 8_500, 3, 5, 2, 1, 40_000, 700);
        Map<CerteusCounter, Long> gone = values(500, 500, 500, 400, 0, 0, 0, 0, 10, 0);
        MemberView hz1 = new MemberView(snapshot("hz1", 101, NOW_MS - 400, busy),
                Map.of(CerteusCounter.EVENTS_APPENDED, 1_204.4, CerteusCounter.EVENTS_CHAINED, 1_199.6,
                        CerteusCounter.ENTRIES_COMMITTED, 1_200.0, CerteusCounter.ROWS_STORED, 1_100.0,
                        CerteusCounter.EVENTS_REJECTED, 0.0, CerteusCounter.BATCHES_REFUSED, 2.0, CerteusCounter.INGEST_LOST_GAPS, 0.0),
                false, 400);
        MemberView hz2 = new MemberView(snapshot("hz2", 102, NOW_MS - 12_000, gone), Map.of(), true, 12_000);

        String frame = TopRenderer.render(new TopFrame(DIR, NOW_MS, List.of(hz1, hz2), List.of("junk.counters: bad magic")));

        assertThat(frame).isEqualTo(String.join(System.lineSeparator(),
                "certeus top  2023-11-14T22:13:30Z  dir=/tmp/certeus-counters  members=2 (alive=1, stale=1)",
                "",
                "MEMBER              PID       STATE   HEARTBEAT    APPEND/s     CHAIN/s    COMMIT/s    STORED/s    REJECT/s    REFUSE/s",
                "hz1                 101       alive        0.4s       1,204       1,200       1,200       1,100           0           2",
                "hz2                 102       STALE       12.0s           -           -           -           -           -           -",
                "TOTAL                                                 1,204       1,200       1,200       1,100           0           2",
                "",
                "SINCE START    APPENDED     CHAINED   COMMITTED      STORED    REJECTED     REFUSED   LOST-GAPS",
                "hz1              10,000       9,000       9,000       8,500           3           5           0",
                "hz2                 500         500         500         400           0           0           0",
                "TOTAL            10,000       9,000       9,000       8,500           3           5           0",
                "",
                "STATE               LAG    REFUSING   ADMISSION       DIRTY DURABLE-LAG      ANCHOR     CLUSTER    MAJORITY JOB-RUNNING",
                "hz1                   2           1          ok      40,000         700          17           3         yes         yes",
                "hz2                   0           0          ok          10           0          17           3         yes         yes",
                "TOTAL                 2           1  0 refusing      40,000         700          17           3",
                "unreadable: junk.counters: bad magic",
                ""));
    }

    @Test
    void showsUnknownValuesAsDashesAndSaysWhenNoMemberWritesHere() {
        Map<CerteusCounter, Long> starting = new EnumMap<>(CerteusCounter.class);
        for (CerteusCounter counter : CerteusCounter.values()) {
            starting.put(counter, CerteusCounter.NOT_AVAILABLE);
        }
        starting.put(CerteusCounter.JOB_RUNNING, 0L);
        starting.put(CerteusCounter.MAJORITY, 0L);
        MemberView member = new MemberView(snapshot("m", 1, NOW_MS, starting), Map.of(), false, 0);

        String frame = TopRenderer.render(new TopFrame(DIR, NOW_MS, List.of(member), List.of()));
        String empty = TopRenderer.render(new TopFrame(DIR, NOW_MS, List.of(), List.of()));

        assertThat(frame).containsPattern(" NO +NO\\R").doesNotContain(" -1 ");
        assertThat(empty).contains("members=0").contains("no counters files in /tmp/certeus-counters");
    }

    @Test
    void longMemberNamesAreCutToKeepColumnsAligned() {
        String name = "_hzInstance_1_a-cluster-name-that-goes-on-and-on-and-on";
        MemberView member = new MemberView(snapshot(name, 1, NOW_MS, Map.of()), Map.of(), false, 0);

        String frame = TopRenderer.render(new TopFrame(DIR, NOW_MS, List.of(member), List.of()));

        assertThat(frame).contains(name.substring(0, 39) + "~").doesNotContain(name);
    }

    @Test
    void stageTotalsReadTheMetricsTheLedgerJobPublishes() {
        assertThat(JetStageTotals.METRICS).containsOnlyKeys(StageMetrics.INGEST_EVENTS, StageMetrics.CHAIN_ENTRIES,
                StageMetrics.COMMIT_ENTRIES, StageMetrics.VALIDATE_REJECTED, StageMetrics.INGEST_LOST_EVENT_GAPS);
        assertThat(JetStageTotals.METRICS.get(StageMetrics.INGEST_EVENTS)).isEqualTo(CerteusCounter.EVENTS_APPENDED);
        assertThat(JetStageTotals.METRICS.get(StageMetrics.CHAIN_ENTRIES)).isEqualTo(CerteusCounter.EVENTS_CHAINED);
    }

    private static Map<CerteusCounter, Long> values(long appended, long chained, long committed, long stored, long rejected,
            long refused, long lag, long refusingLanes, long dirty, long durableLag) {
        Map<CerteusCounter, Long> values = new EnumMap<>(CerteusCounter.class);
        values.put(CerteusCounter.EVENTS_APPENDED, appended);
        values.put(CerteusCounter.EVENTS_CHAINED, chained);
        values.put(CerteusCounter.ENTRIES_COMMITTED, committed);
        values.put(CerteusCounter.ROWS_STORED, stored);
        values.put(CerteusCounter.EVENTS_REJECTED, rejected);
        values.put(CerteusCounter.BATCHES_REFUSED, refused);
        values.put(CerteusCounter.INGEST_LOST_GAPS, 0L);
        values.put(CerteusCounter.INGEST_LAG_MAX, lag);
        values.put(CerteusCounter.LANES_REFUSING, refusingLanes);
        values.put(CerteusCounter.ADMISSION_REFUSING, 0L);
        values.put(CerteusCounter.DIRTY_ENTRIES, dirty);
        values.put(CerteusCounter.DURABLE_LAG, durableLag);
        values.put(CerteusCounter.NEWEST_ANCHOR, 17L);
        values.put(CerteusCounter.CLUSTER_MEMBERS, 3L);
        values.put(CerteusCounter.MAJORITY, 1L);
        values.put(CerteusCounter.JOB_RUNNING, 1L);
        return values;
    }

    static CountersSnapshot snapshot(String member, long pid, long heartbeatMs, Map<CerteusCounter, Long> values) {
        return new CountersSnapshot(DIR.resolve(member + "-" + pid + ".counters"), member, "uuid-" + member, pid,
                NOW_MS - 60_000, heartbeatMs, values);
    }
}
