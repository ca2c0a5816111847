package io.certeus.member;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.certeus.member.bootstrap.LocalGrid;
import io.certeus.testing.TestGrids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static com.hazelcast.test.HazelcastTestSupport.assertClusterSizeEventually;
import static com.hazelcast.test.HazelcastTestSupport.assertTrueEventually;
import static org.assertj.core.api.Assertions.assertThat;

/** Members started from the shipped YAML on the real loopback network run the plugin and its startup hooks. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalGridIT {

    @Test
    void membersFromTheShippedYamlFormAGridAndRunStartupHooks() {
        String clusterName = TestGrids.uniqueClusterName("local-grid");
        try (LocalGrid grid = LocalGrid.start(2, i -> {
            Config config = TestGrids.memberConfigWithoutPersistence(clusterName);
            config.getNetworkConfig().setPort(5901);
            return config;
        })) {
            HazelcastInstance[] members = grid.members().toArray(new HazelcastInstance[0]);
            assertClusterSizeEventually(2, members);
            assertThat(members[0].getPartitionService().getPartitions()).hasSize(1000);
            for (HazelcastInstance member : members) {
                assertTrueEventually(() -> assertThat(member.getUserContext())
                        .containsEntry(RecordingStartupHook.MARKER, member.getName()), 60);
            }
        }
    }
}
