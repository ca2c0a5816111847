package io.certeus.member;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.impl.MemberImpl;
import org.junit.jupiter.api.Test;

import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ConfiguredMajorityTest {
    private static final long TOLERANCE_MS = 4_000;

    private final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void aCutOffSideLosesItsMajorityWithinTheToleranceWhileStillListingEveryone() throws Exception {
        List<Member> five = members(5);
        ConfiguredMajority majority = ConfiguredMajority.of(5, TOLERANCE_MS, now::get);
        assertThat(majority.apply(five)).as("just joined: everyone counts").isTrue();

        // This member (index 0) keeps hearing from member 1 only: 2 of 5 heard.
        now.addAndGet(TOLERANCE_MS + 1);
        majority.onHeartbeat(five.get(1), now.get());
        assertThat(majority.apply(five)).as("2 of 5 heard, the member list still has 5").isFalse();

        five.subList(2, 5).forEach(member -> majority.onHeartbeat(member, now.get()));
        assertThat(majority.apply(five)).as("heard from everyone again").isTrue();
    }

    @Test
    void aMajorityOfTheConfiguredSizeIsEnoughAndLessIsNot() throws Exception {
        ConfiguredMajority majority = ConfiguredMajority.of(5, TOLERANCE_MS, now::get);
        assertThat(majority.required()).isEqualTo(3);
        assertThat(majority.apply(members(3))).as("3 of 5").isTrue();
        assertThat(majority.apply(members(2))).as("2 of 5: listed members beyond them are gone").isFalse();
        assertThat(ConfiguredMajority.of(8, TOLERANCE_MS, now::get).required()).isEqualTo(5);
        assertThat(ConfiguredMajority.of(2, TOLERANCE_MS, now::get).required()).as("2 members cannot lose one").isEqualTo(2);
    }

    @Test
    void aSilentMemberCountsAgainOnceItIsHeard() throws Exception {
        List<Member> three = members(3);
        ConfiguredMajority majority = ConfiguredMajority.of(3, TOLERANCE_MS, now::get);
        majority.apply(three);
        now.addAndGet(TOLERANCE_MS + 1);
        assertThat(majority.apply(three)).as("only itself heard").isFalse();
        majority.onHeartbeat(three.get(2), now.get());
        assertThat(majority.apply(three)).as("itself and member 2").isTrue();
    }

    @Test
    void sizeOneTurnsTheProtectionOff() throws Exception {
        ConfiguredMajority off = ConfiguredMajority.of(1, TOLERANCE_MS, now::get);
        List<Member> three = members(3);
        off.apply(three);
        now.addAndGet(TOLERANCE_MS * 10);
        assertThat(off.apply(three)).isTrue();
    }

    /** {@code count} members, the first one local. */
    private static List<Member> members(int count) throws UnknownHostException {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(new MemberImpl.Builder(new Address("127.0.0.1", 5701 + i)).uuid(UUID.randomUUID()).localMember(i == 0).build());
        }
        return members;
    }
}
