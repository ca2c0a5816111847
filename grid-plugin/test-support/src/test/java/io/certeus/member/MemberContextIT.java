package io.certeus.member;

import com.hazelcast.client.test.TestHazelcastFactory;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.test.HazelcastTestSupport;
import io.certeus.client.BackpressureException;
import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;
import io.certeus.client.EventBuilder;
import io.certeus.core.MapNames;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventBatch;
import io.certeus.core.model.EventType;
import io.certeus.core.shard.IngestKey;
import io.certeus.member.internal.ingest.IngestGate;
import io.certeus.testing.TestGridWithClient;
import io.certeus.testing.TestGrids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.certeus.testing.TestEvents.caseIdInLane;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two members in one JVM keep their own CERTEUS state: an admission check one member registers (as
 * its PostgreSQL backlog check does) refuses only the appends that member stores, and each member
 * has its own context, gate and lag table.
 */
class MemberContextIT {
    private TestGridWithClient grid;
    private HazelcastInstance first;
    private HazelcastInstance second;
    private CerteusClient certeus;

    @BeforeEach
    void start() {
        grid = new TestGridWithClient("context", 2, Map.of());
        first = grid.member(0);
        second = grid.member(1);
        certeus = grid.certeus();
    }

    @AfterEach
    void stop() {
        grid.close();
    }

    @Test
    @Timeout(120)
    void oneMembersAdmissionCheckRefusesOnlyTheAppendsThatMemberStores() throws Exception {
        MemberContext firstContext = MemberContext.of(first);
        assertThat(firstContext).isNotSameAs(MemberContext.of(second)).isSameAs(MemberContext.of(first));
        assertThat(firstContext.extensionIfPresent(IngestGate.class)).as("the plugin installed the first member's gate")
                .isNotNull()
                .isNotSameAs(MemberContext.of(second).extensionIfPresent(IngestGate.class));

        // Where lane 0's batches are stored, as the grid routes them (the job is not running: they stay).
        certeus.append(eventFor(caseIdInLane(0))).get(30, TimeUnit.SECONDS);
        HazelcastInstance owner = storedLanes(first).contains(0) ? first : second;
        HazelcastInstance other = owner == first ? second : first;
        assertThat(storedLanes(other)).doesNotContain(0);

        // The other member's backlog is full: appends the owner stores still go through.
        MemberContext.of(other).admissionChecks().register(() -> "test backlog full: member=" + other.getName());
        certeus.append(eventFor(caseIdInLane(0))).get(30, TimeUnit.SECONDS);

        // The owner's backlog is full: its appends are refused, naming it.
        MemberContext.of(owner).admissionChecks().register(() -> "test backlog full: member=" + owner.getName());
        assertThatThrownBy(() -> certeus.append(eventFor(caseIdInLane(0))).get(30, TimeUnit.SECONDS))
                .cause().isInstanceOf(BackpressureException.class)
                .hasMessageContaining("test backlog full: member=" + owner.getName());
    }

    @Test
    @Timeout(60)
    void aMemberWithoutItsGateRefusesAppendsAsRetryableInsteadOfStoringThemUnstamped() {
        String cluster = TestGrids.uniqueClusterName("gateless");
        TestHazelcastFactory factory = new TestHazelcastFactory();
        try {
            Config config = TestGrids.memberConfigWithoutPersistence(cluster);
            config.getListenerConfigs().removeIf(listener -> CerteusMemberPlugin.class.getName().equals(listener.getClassName()));
            HazelcastInstance gateless = factory.newHazelcastInstance(config);
            HazelcastTestSupport.warmUpPartitions(gateless); // owned partitions: appends go to the member's task
            CerteusClient client = CerteusClient.using(factory.newHazelcastClient(TestGrids.clientConfig(cluster)),
                    ClientSettings.defaults());

            assertThatThrownBy(() -> client.append(eventFor(caseIdInLane(0))).get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOf(BackpressureException.class)
                    .hasMessageContaining("ingest gate not installed yet");
            assertThat(gateless.getMap(MapNames.INGEST).size()).as("nothing stored unstamped").isZero();
            client.close();
        } finally {
            factory.shutdownAll();
        }
    }

    private static Event eventFor(String caseId) {
        return EventBuilder.event(caseId, EventType.CASE_UPDATED).actor("clerk").payload("{}").build();
    }

    private static Set<Integer> storedLanes(HazelcastInstance member) {
        IMap<IngestKey, EventBatch> ingest = member.getMap(MapNames.INGEST);
        return ingest.localKeySet().stream().map(IngestKey::lane).collect(Collectors.toCollection(TreeSet::new));
    }
}
