package io.certeus.pipeline.stage;

import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerCandidate;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.EventKey;
import io.certeus.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PriorLookupStageTest {
    private static final UUID ID = UUID.fromString("01900000-0000-7000-8000-000000000042");
    private static final long SETTLE_MICROS = 60_000_000L;
    private static final long NOW = 1_767_225_600_000_000L;

    @Test
    void aCopyInAnotherShardCountsOnlyWhenStampedWellBefore() {
        Event event = TestEvents.event().eventId(ID).caseId("AAA-000001").ingestedAtMicros(NOW).build();
        EventKey key = new EventKey(ID, 1);

        LedgerCandidate young = PriorLookupStage.candidate(key, event, List.of(entryIn(2, NOW - 10_000_000L)), SETTLE_MICROS);
        LedgerCandidate settled = PriorLookupStage.candidate(key, event, List.of(entryIn(2, NOW - 70_000_000L)), SETTLE_MICROS);

        assertThat(young.otherShard()).as("a copy 10 s younger may be chained in one run and not in its replay").isEqualTo(-1);
        assertThat(settled.otherShard()).isEqualTo(2);
        assertThat(settled.otherShardPosition()).isEqualTo(7);
    }

    @Test
    void copiesInTheSameShardAreSortedBySameOrOtherContent() {
        Event event = TestEvents.event().eventId(ID).caseId("AAA-000001").payload("{\"a\":1}").ingestedAtMicros(NOW).build();
        Event other = TestEvents.event().eventId(ID).caseId("AAA-000001").payload("{\"a\":2}").ingestedAtMicros(NOW - 5).build();
        EventKey key = new EventKey(ID, 1);
        LedgerEntry same = new LedgerEntry(event.withIngestedAtMicros(NOW - 9), 1, 4, Hashes.ZERO_HASH, Hashes.ZERO_HASH);
        LedgerEntry differs = new LedgerEntry(other, 1, 3, Hashes.ZERO_HASH, Hashes.ZERO_HASH);

        LedgerCandidate candidate = PriorLookupStage.candidate(key, event, List.of(same, differs), SETTLE_MICROS);

        assertThat(candidate.sameContentPosition()).isEqualTo(4);
        assertThat(candidate.otherContentPosition()).isEqualTo(3);
    }

    private static LedgerEntry entryIn(int shard, long ingestedAtMicros) {
        Event copy = TestEvents.event().eventId(ID).caseId("BBB-000002").ingestedAtMicros(ingestedAtMicros).build();
        return new LedgerEntry(copy, shard, 7, Hashes.ZERO_HASH, Hashes.ZERO_HASH);
    }
}
