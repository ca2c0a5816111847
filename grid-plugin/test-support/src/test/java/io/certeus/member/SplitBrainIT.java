package io.certeus.member;

import com.hazelcast.client.test.TestHazelcastFactory;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import com.hazelcast.splitbrainprotection.SplitBrainProtection;
import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;
import io.certeus.client.NoMajorityException;
import io.certeus.core.MapNames;
import io.certeus.core.shard.IngestKey;
import io.certeus.member.bootstrap.MemberConfigs;
import io.certeus.testing.Await;
import io.certeus.testing.TestEvents;
import io.certeus.testing.TestGrids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static com.hazelcast.test.HazelcastTestSupport.assertClusterSizeEventually;
import static com.hazelcast.test.SplitBrainTestSupport.blockCommunicationBetween;
import static com.hazelcast.test.SplitBrainTestSupport.unblockCommunicationBetween;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Split-brain protection on a 3-member grid (configured size 3) whose network is cut in-process:
 * the member that hears from no one refuses appends with {@link NoMajorityException} while it still
 * lists every member, the two others keep accepting them, and the cut-off member accepts again once
 * it is heard. The shipped YAML protects and merges every CERTEUS map the same way.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SplitBrainIT {
    private static final long TOLERANCE_MS = 2_000;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestHazelcastFactory factory;

    @AfterEach
    void stop() {
        if (factory != null) {
            factory.shutdownAll();
        }
    }

    @Test
    void everyCerteusMapIsProtectedAndNeverReplacesAnEntryWhenSidesMerge() {
        Config config = MemberConfigs.fromClasspath(new java.util.Properties());
        for (String name : new String[] {MapNames.INGEST, MapNames.LEDGER, MapNames.ANCHORS, MapNames.REJECTED, MapNames.DURABLE}) {
            MapConfig map = config.getMapConfig(name);
            assertThat(map.getSplitBrainProtectionName()).as("protection of %s", name).isEqualTo(ConfiguredMajority.PROTECTION_NAME);
            assertThat(map.getMergePolicyConfig().getPolicy()).as("merge policy of %s", name)
                    .isEqualTo(PutIfAbsentMergePolicy.class.getName());
        }
        assertThat(config.getSplitBrainProtectionConfig(ConfiguredMajority.PROTECTION_NAME).getFunctionClassName())
                .isEqualTo(ConfiguredMajority.class.getName());
        assertThat(config.getSplitBrainProtectionConfig(ConfiguredMajority.PROTECTION_NAME).isEnabled())
                .as("off with the shipped certeus.cluster.size 1").isFalse();
    }

    @Test
    void aMemberCutOffFromTheMajorityRefusesAppendsUntilItIsHeardAgain() throws Exception {
        String clusterName = TestGrids.uniqueClusterName("split-brain");
        factory = new TestHazelcastFactory(3);
        HazelcastInstance[] members = new HazelcastInstance[3];
        for (int i = 0; i < members.length; i++) {
            members[i] = factory.newHazelcastInstance(protectedConfig(clusterName));
        }
        assertClusterSizeEventually(3, members);
        Await.until("partitions spread over the three members", WAIT, () -> members[0].getPartitionService().isClusterSafe()
                && members[0].getPartitionService().getPartitions().stream().map(p -> p.getOwner()).distinct().count() == 3);
        // The member cut off owns the lane appended to, so the refusal is its own, not a timeout.
        int lane = 0;
        HazelcastInstance cutOff = ownerOf(members, lane);
        HazelcastInstance majority = others(members, cutOff).get(0);
        for (HazelcastInstance member : members) {
            Await.until("majority present on " + member.getName(), WAIT, () -> protection(member).hasMinimumSize());
        }
        CerteusClient viaCutOff = CerteusClient.using(cutOff, ClientSettings.defaults());
        String cutOffCase = TestEvents.caseIdInLane(lane);
        viaCutOff.append(TestEvents.newUpdate(cutOffCase)).get(30, TimeUnit.SECONDS);

        for (HazelcastInstance other : others(members, cutOff)) {
            blockCommunicationBetween(cutOff, other);
        }
        Await.until("the cut-off member loses its majority", WAIT, () -> !protection(cutOff).hasMinimumSize());
        assertThat(cutOff.getCluster().getMembers()).as("refusing before the member list changes").hasSize(3);

        assertThatThrownBy(() -> viaCutOff.append(TestEvents.newUpdate(cutOffCase)).get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(NoMajorityException.class)
                .matches(refusal -> ((NoMajorityException) refusal).isRetryable(), "retryable");
        assertThat(protection(majority).hasMinimumSize()).as("2 of 3 still hear each other").isTrue();
        String majorityKey = keyOwnedBy(majority);
        majority.getMap(MapNames.REJECTED).set(majorityKey, "written on the majority side");
        assertThat(majority.getMap(MapNames.REJECTED).get(majorityKey)).isNotNull();

        for (HazelcastInstance other : others(members, cutOff)) {
            unblockCommunicationBetween(cutOff, other);
        }
        Await.until("the cut-off member hears the majority again", WAIT, () -> protection(cutOff).hasMinimumSize());
        viaCutOff.append(TestEvents.newUpdate(cutOffCase)).get(30, TimeUnit.SECONDS);
    }

    private static Config protectedConfig(String clusterName) {
        Config config = TestGrids.memberConfigWithoutPersistence(clusterName);
        config.setProperty(ConfiguredMajority.CLUSTER_SIZE, "3");
        config.setProperty(ConfiguredMajority.HEARTBEAT_TOLERANCE_MS, Long.toString(TOLERANCE_MS));
        config.getSplitBrainProtectionConfig(ConfiguredMajority.PROTECTION_NAME).setEnabled(true);
        return config;
    }

    private static SplitBrainProtection protection(HazelcastInstance member) {
        return member.getSplitBrainProtectionService().getSplitBrainProtection(ConfiguredMajority.PROTECTION_NAME);
    }

    private static HazelcastInstance ownerOf(HazelcastInstance[] members, int lane) {
        Member owner = members[0].getPartitionService().getPartition(new IngestKey(UUID.randomUUID(), lane)).getOwner();
        return Arrays.stream(members).filter(member -> member.getCluster().getLocalMember().equals(owner)).findFirst()
                .orElseThrow(() -> new IllegalStateException("lane without owner: " + lane));
    }

    private static String keyOwnedBy(HazelcastInstance member) {
        for (int n = 0; ; n++) {
            String key = "majority-" + n;
            if (member.getPartitionService().getPartition(key).getOwner().equals(member.getCluster().getLocalMember())) {
                return key;
            }
        }
    }

    private static List<HazelcastInstance> others(HazelcastInstance[] members, HazelcastInstance member) {
        return Arrays.stream(members).filter(other -> other != member).collect(Collectors.toList());
    }
}
