package io.certeus.pipeline;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.map.IMap;
import io.certeus.client.CerteusClient;
import io.certeus.client.EventBuilder;
import io.certeus.core.MapNames;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventType;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.RejectedEvent;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.core.validation.RejectReason;
import io.certeus.testing.TestGridWithClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.hazelcast.test.HazelcastTestSupport.assertTrueEventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The eventId as idempotency key of the whole ledger, beyond the dedupe window: resends long after
 * the first copy are dropped through the ledger lookup, a resend with other content or under another
 * case is refused with {@code EVENT_ID_CONFLICT} and recorded (the first version stays), two versions
 * in one flush keep the first, and a
 * cancelled and resubmitted job replays its journal without chaining anything twice.
 *
 * <p>The dedupe window is shrunk to its minimum, 16 ids per shard, so most resends below are beyond it.
 */
class IdempotencyIT {
    private TestGridWithClient grid;
    private HazelcastInstance member;
    private CerteusClient certeus;
    private PipelineSettings settings;

    @BeforeEach
    void start() {
        grid = new TestGridWithClient("idempotency", Map.of());
        member = grid.member();
        certeus = grid.certeus();
        settings = PipelineSettings.builder().autostart(false).snapshotIntervalMs(500).anchorIntervalMs(500).dedupeMaxIdsPerShard(16)
                .crossShardSettleSeconds(0) // one member, appends in sequence: the other case's original is chained first
                .build();
    }

    @AfterEach
    void stop() {
        grid.close();
    }

    @Test
    @Timeout(240)
    void resendsBeyondTheWindowAreDroppedConflictsRecordedAndAResubmittedJobChainsNothingTwice() throws Exception {
        Job job = LedgerJobs.startIfAbsent(member, settings);
        String caseId = "IDM-000001";
        List<Event> originals = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            originals.add(event(caseId, "{\"n\":" + i + "}"));
        }
        append(originals);
        IMap<LedgerKey, LedgerEntry> ledger = member.getMap(MapNames.LEDGER);
        awaitLedgerSize(ledger, originals.size());

        // 40 ids through a 16-id window: the first 24 are out of it. Resend them all, twice.
        append(originals);
        append(originals);
        Event conflicting = withPayload(originals.get(0), "{\"n\":\"changed\"}");
        Event otherCase = withCase(originals.get(1), otherShardCase(caseId));
        append(List.of(conflicting, otherCase));
        // Two versions of one new id in one flush: the first in journal order wins, inside the dedupe window.
        Event marker = event(caseId, "{\"marker\":true}");
        Event markerRewritten = withPayload(marker, "{\"marker\":\"rewritten\"}");
        append(List.of(marker, markerRewritten));

        IMap<UUID, RejectedEvent> rejected = member.getMap(MapNames.REJECTED);
        awaitLedgerSize(ledger, originals.size() + 1);
        assertTrueEventually(() -> assertThat(rejected.size()).isEqualTo(3), 60);
        assertThat(ledgerIds(ledger)).as("every original once, then the marker").hasSize(originals.size() + 1);
        assertThat(ledger.get(new LedgerKey(Shards.shardOf(caseId), originals.size())).event().payload())
                .isEqualTo(marker.payload());
        Map<UUID, RejectedEvent> byEventId = rejected.values().stream()
                .collect(Collectors.toMap(r -> r.event().eventId(), Function.identity()));
        assertThat(byEventId.get(conflicting.eventId()).reasonCode()).isEqualTo(RejectReason.EVENT_ID_CONFLICT.name());
        assertThat(byEventId.get(conflicting.eventId()).message()).contains("other content");
        assertThat(byEventId.get(otherCase.eventId()).reasonCode()).isEqualTo(RejectReason.EVENT_ID_CONFLICT.name());
        assertThat(byEventId.get(otherCase.eventId()).message()).contains("another case");
        assertThat(byEventId.get(marker.eventId()).message()).contains("within the dedupe window");
        assertThat(byEventId.get(marker.eventId()).event().payload()).isEqualTo(markerRewritten.payload());
        LedgerEntry first = ledger.get(new LedgerKey(Shards.shardOf(caseId), 0));
        assertThat(first.event().payload()).as("the first version stays").isEqualTo(originals.get(0).payload());

        // A cancelled job resubmitted fresh replays the whole retained journal: nothing is chained twice.
        job.cancel();
        assertTrueEventually(() -> assertThat(job.getStatus()).isEqualTo(JobStatus.FAILED), 60);
        Job resubmitted = LedgerJobs.startIfAbsent(member, settings);
        assertThat(resubmitted.getId()).isNotEqualTo(job.getId());
        Event after = event(caseId, "{\"after\":\"resubmit\"}");
        append(List.of(after));
        awaitLedgerSize(ledger, originals.size() + 2);
        assertThat(ledgerIds(ledger)).hasSize(originals.size() + 2).contains(after.eventId());
        assertThat(ledger.get(new LedgerKey(Shards.shardOf(caseId), originals.size() + 1)).event().eventId())
                .as("the resubmitted job continues the chain").isEqualTo(after.eventId());
        assertThat(rejected.size()).as("the replay refuses nothing new").isEqualTo(3);
    }

    private void append(List<Event> events) throws Exception {
        certeus.appendAll(events).get(60, TimeUnit.SECONDS);
    }

    /** Waits until the ledger holds {@code size} entries, then until it has settled there (no more arrive). */
    private static void awaitLedgerSize(IMap<LedgerKey, LedgerEntry> ledger, int size) {
        assertTrueEventually(() -> assertThat(ledger.size()).isEqualTo(size), 60);
    }

    private static List<UUID> ledgerIds(IMap<LedgerKey, LedgerEntry> ledger) {
        return ledger.values().stream().map(e -> e.event().eventId()).distinct().collect(Collectors.toList());
    }

    private static Event event(String caseId, String payload) {
        return EventBuilder.event(caseId, EventType.CASE_UPDATED).actor("clerk").payload(payload).build();
    }

    private static Event withPayload(Event event, String payload) {
        return EventBuilder.event(event.caseId(), event.type()).eventId(event.eventId()).actor(event.actor()).payload(payload).build();
    }

    private static Event withCase(Event event, String caseId) {
        return new Event(event.eventId(), caseId, event.type(), event.actor(), event.sourceIp(), event.documentHash(), event.payload(),
                event.occurredAtMicros(), event.ingestedAtMicros());
    }

    private static String otherShardCase(String caseId) {
        for (int n = 2; ; n++) {
            String candidate = String.format("IDM-%06d", n);
            if (Shards.shardOf(candidate) != Shards.shardOf(caseId)) {
                return candidate;
            }
        }
    }
}
