package io.certeus.member.internal.ingest;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.certeus.client.BackpressureException;
import io.certeus.client.CerteusClient;
import io.certeus.core.MapNames;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventBatch;
import io.certeus.core.shard.IngestKey;
import io.certeus.member.MemberContext;
import io.certeus.testing.TestGridWithClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static com.hazelcast.test.HazelcastTestSupport.assertTrueEventually;
import static io.certeus.testing.TestEvents.caseIdInLane;
import static io.certeus.testing.TestEvents.eventIdsIn;
import static io.certeus.testing.TestEvents.newUpdate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With no ledger job draining the ingest map, a lane accepts {@code maxPendingBatchesPerLane} batches
 * and then refuses with a typed, retryable error, while other lanes still accept; once its batches are
 * consumed the lane accepts again.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class IngestBackpressureIT {
    private static final int LIMIT = 5;

    private TestGridWithClient grid;
    private HazelcastInstance member;
    private CerteusClient certeus;

    @BeforeEach
    void start() {
        grid = new TestGridWithClient("backpressure", Map.of(
                IngestSettings.MAX_PENDING_BATCHES_PER_LANE, String.valueOf(LIMIT),
                IngestSettings.SAMPLE_INTERVAL_MS, "50"));
        member = grid.member();
        certeus = grid.certeus();
    }

    @AfterEach
    void stop() {
        grid.close();
    }

    @Test
    void laggingLaneRefusesWithBackpressureOthersStillAccept() throws Exception {
        String lagging = caseIdInLane(3);
        grid.fillLane(3, LIMIT);

        Event refused = newUpdate(lagging);
        assertThatThrownBy(() -> certeus.append(refused).get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BackpressureException.class)
                .hasMessageContaining("lane=3")
                .hasMessageContaining("maxPendingBatchesPerLane=" + LIMIT)
                .satisfies(e -> assertThat(((BackpressureException) e).isRetryable()).isTrue())
                .satisfies(e -> assertThat(((BackpressureException) e).retryAfterMs()).isPositive());
        IMap<IngestKey, EventBatch> ingest = member.getMap(MapNames.INGEST);
        assertThat(eventIdsIn(ingest)).as("a refused event is not stored").doesNotContain(refused.eventId());
        assertThat(MemberContext.of(member).ingestRefusals().laneFull()).as("the member counts the refusal (metrics, top)")
                .isPositive();

        certeus.append(newUpdate(caseIdInLane(4))).get(30, TimeUnit.SECONDS);

        // the job consumes (deletes) the waiting batches: after the next sample the lane accepts again
        ingest.keySet().forEach(ingest::delete);
        assertTrueEventually(() -> {
            try {
                certeus.append(refused).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException stillRefused) {
                throw new AssertionError("lane still refuses: " + stillRefused.getCause().getMessage());
            }
        }, 30);
        assertThat(eventIdsIn(ingest)).contains(refused.eventId());
    }


}
