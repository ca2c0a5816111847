package io.certeus.grid.ingest;

import com.hazelcast.client.test.TestHazelcastFactory;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.certeus.client.BackpressureException;
import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;
import io.certeus.client.EventBuilder;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventType;
import io.certeus.core.shard.EventKey;
import io.certeus.grid.MapNames;
import io.certeus.testing.TestGrids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static com.hazelcast.test.HazelcastTestSupport.assertTrueEventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With no ledger job draining the ingest map, a shard accepts {@code maxPendingPerShard} events and
 * then refuses with a typed, retryable error, while other shards still accept; once its events are
 * consumed the shard accepts again.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class IngestBackpressureIT {
    private static final int LIMIT = 5;

    private TestHazelcastFactory factory;
    private HazelcastInstance member;
    private CerteusClient certeus;

    @BeforeEach
    void start() {
        String cluster = TestGrids.uniqueClusterName("backpressure");
        factory = new TestHazelcastFactory();
        Config config = TestGrids.memberConfigWithoutPersistence(cluster);
        config.setProperty(IngestSettings.MAX_PENDING_PER_SHARD, String.valueOf(LIMIT));
        config.setProperty(IngestSettings.SAMPLE_INTERVAL_MS, "50");
        member = factory.newHazelcastInstance(config);
        certeus = CerteusClient.using(factory.newHazelcastClient(TestGrids.clientConfig(cluster)), ClientSettings.defaults());
    }

    @AfterEach
    void stop() {
        certeus.close();
        factory.shutdownAll();
    }

    private static Event eventFor(String caseId) {
        return EventBuilder.event(caseId, EventType.CASE_UPDATED).actor("clerk").payload("{}").build();
    }

    @Test
    void laggingShardRefusesWithBackpressureOthersStillAccept() throws Exception {
        List<Event> accepted = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            Event event = eventFor("LAG-000001");
            certeus.append(event).get(30, TimeUnit.SECONDS);
            accepted.add(event);
        }

        Event refused = eventFor("LAG-000001");
        assertThatThrownBy(() -> certeus.append(refused).get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BackpressureException.class)
                .hasMessageContaining("maxPendingPerShard=" + LIMIT)
                .satisfies(e -> assertThat(((BackpressureException) e).isRetryable()).isTrue());
        IMap<EventKey, Event> ingest = member.getMap(MapNames.INGEST);
        assertThat(ingest.containsKey(EventKey.of(refused.eventId(), refused.caseId()))).as("a refused event is not stored").isFalse();

        certeus.append(eventFor("OTH-000002")).get(30, TimeUnit.SECONDS);

        // the job consumes (deletes) the waiting events: after the next sample the shard accepts again
        accepted.forEach(e -> ingest.delete(EventKey.of(e.eventId(), e.caseId())));
        assertTrueEventually(() -> {
            try {
                certeus.append(refused).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException stillRefused) {
                throw new AssertionError("shard still refuses: " + stillRefused.getCause().getMessage());
            }
        }, 30);
        assertThat(ingest.containsKey(EventKey.of(refused.eventId(), refused.caseId()))).isTrue();
    }
}
