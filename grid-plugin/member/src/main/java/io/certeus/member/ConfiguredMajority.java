package io.certeus.member;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.splitbrainprotection.HeartbeatAware;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionFunction;
import io.certeus.core.settings.Setting;
import io.certeus.core.settings.SettingsSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The split-brain protection of the CERTEUS maps ({@value #PROTECTION_NAME} in {@code hazelcast.yaml}):
 * present only while this member hears, within the heartbeat tolerance, from more than half of the
 * configured cluster ({@code certeus.cluster.size}), itself included. Counting recent heartbeats
 * rather than the member list trips within the tolerance of a cut, long before the cut-off members
 * are removed from the list ({@code hazelcast.max.no.heartbeat.seconds}); below a majority every
 * write to a protected map fails with {@code SplitBrainProtectionException}, which clients see as
 * {@code NoMajorityException}.
 *
 * <p>A configured size of 1 turns the protection off (one JVM, tests, the demo grid).
 *
 * <p>Thread-safe: Hazelcast calls {@link #apply} from its single split-brain-protection thread and
 * {@link #onHeartbeat} from its heartbeat handlers; the heartbeat times are a concurrent map.
 */
public final class ConfiguredMajority implements SplitBrainProtectionFunction, HeartbeatAware, HazelcastInstanceAware {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredMajority.class);

    /** The split-brain protection's name in {@code hazelcast.yaml}; the CERTEUS maps refer to it. */
    public static final String PROTECTION_NAME = "certeus-majority";

    public static final String CLUSTER_SIZE = "certeus.cluster.size";
    public static final Setting CLUSTER_SIZE_SETTING = Setting.wholeNumber(CLUSTER_SIZE, "members", 1, 1, 1_000,
            "members the grid is deployed with; writes need more than half of them (1: no split-brain protection)");

    public static final String HEARTBEAT_TOLERANCE_MS = "certeus.cluster.heartbeat.tolerance.ms";
    public static final Setting HEARTBEAT_TOLERANCE_MS_SETTING = Setting.wholeNumber(HEARTBEAT_TOLERANCE_MS, "ms", 4_000, 1_000,
            600_000, "a member silent this long no longer counts towards the majority");

    private static final long MAJORITY_POLL_MS = 100;

    private final Map<UUID, Long> lastHeardMillis = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private volatile int clusterSize = 1;
    private volatile long toleranceMillis = HEARTBEAT_TOLERANCE_MS_SETTING.defaultLong();
    /** Null before the first answer. */
    private volatile Boolean lastPresent;
    /** False until the first majority, so a starting grid's wait is not reported as a loss. */
    private volatile boolean everPresent;
    private volatile boolean warnedUndersized;

    /** As Hazelcast instantiates it from the class name; configured by {@link #setHazelcastInstance}. */
    public ConfiguredMajority() {
        this(() -> System.nanoTime() / 1_000_000); // monotonic: a wall-clock step must not silence members
    }

    ConfiguredMajority(LongSupplier clock) {
        this.clock = clock;
    }

    /** For tests and programmatic configs. */
    static ConfiguredMajority of(int clusterSize, long toleranceMillis, LongSupplier clock) {
        ConfiguredMajority majority = new ConfiguredMajority(clock);
        majority.clusterSize = (int) CLUSTER_SIZE_SETTING.requireInRange(clusterSize);
        majority.toleranceMillis = HEARTBEAT_TOLERANCE_MS_SETTING.requireInRange(toleranceMillis);
        return majority;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance member) {
        SettingsSource settings = SettingsSource.of(member.getConfig().getProperties());
        clusterSize = CLUSTER_SIZE_SETTING.readInt(settings);
        toleranceMillis = HEARTBEAT_TOLERANCE_MS_SETTING.readLong(settings);
        if (clusterSize == 1) {
            LOG.info("certeus: split-brain protection off ({}=1): writes never wait for a majority", CLUSTER_SIZE);
        } else {
            LOG.info("certeus: split-brain protection on: writes need {} of {} members heard within {} ms", required(),
                    clusterSize, toleranceMillis);
        }
    }

    /** Whether {@code member} runs this protection (it is off with a cluster size of 1). */
    public static boolean isActive(HazelcastInstance member) {
        return member.getConfig().getSplitBrainProtectionConfigs().containsKey(PROTECTION_NAME)
                && member.getConfig().getSplitBrainProtectionConfig(PROTECTION_NAME).isEnabled();
    }

    /**
     * Whether {@code member} may write now: it runs no protection, or its protection is present.
     * False while the member stops (the protection is then not readable).
     */
    public static boolean present(HazelcastInstance member) {
        if (!isActive(member)) {
            return true;
        }
        try {
            return member.getSplitBrainProtectionService().getSplitBrainProtection(PROTECTION_NAME).hasMinimumSize();
        } catch (RuntimeException stopping) {
            LOG.debug("certeus: majority not readable: member={}", member.getName(), stopping);
            return false;
        }
    }

    /**
     * Waits until {@code member} has a majority; false when it shut down first. A member of a
     * starting grid waits here until enough others have joined.
     */
    public static boolean await(HazelcastInstance member) {
        boolean logged = false;
        while (member.getLifecycleService().isRunning()) {
            if (present(member)) {
                return true;
            }
            if (!logged) {
                logged = true;
                LOG.info("certeus: waiting for a majority before accepting appends: member={}", member.getName());
            }
            try {
                Thread.sleep(MAJORITY_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Members, this one included, needed for writes. */
    public int required() {
        return clusterSize / 2 + 1;
    }

    @Override
    public boolean apply(Collection<Member> members) {
        if (clusterSize == 1) {
            return true;
        }
        long now = clock.getAsLong();
        int heard = 0;
        for (Member member : members) {
            if (member.localMember()) {
                heard++;
                continue;
            }
            // A member not heard from yet counts from the moment it is first listed, so a join is
            // not a loss of majority.
            long last = lastHeardMillis.computeIfAbsent(member.getUuid(), uuid -> now);
            if (now - last <= toleranceMillis) {
                heard++;
            }
        }
        forgetLeft(members);
        boolean present = heard >= required();
        if (!Boolean.valueOf(present).equals(lastPresent)) {
            lastPresent = present;
            logChange(present, heard, members.size());
        }
        if (heard > clusterSize && !warnedUndersized) {
            warnedUndersized = true;
            LOG.warn("certeus: {} members heard but {}={}: raise it to the deployed size, or a split could leave two majorities",
                    heard, CLUSTER_SIZE, clusterSize);
        }
        return present;
    }

    private void logChange(boolean present, int heard, int listed) {
        if (present && !everPresent) {
            everPresent = true;
            LOG.info("certeus: majority reached: members heard={} of configured={}", heard, clusterSize);
        } else if (present) {
            LOG.warn("certeus: majority regained: members heard={} of configured={}; writes accepted again", heard, clusterSize);
        } else if (!everPresent) {
            // A starting grid: its members join one by one.
            LOG.info("certeus: waiting for a majority: members heard={}, need {} of configured={}; writes are refused until then",
                    heard, required(), clusterSize);
        } else {
            LOG.error("certeus: NO MAJORITY: members heard={} (listed={}), need {} of configured={}; writes are refused until it returns",
                    heard, listed, required(), clusterSize);
        }
    }

    @Override
    public void onHeartbeat(Member member, long timestamp) {
        // The receive time, not the sender's clock: tolerance is about silence seen here.
        lastHeardMillis.put(member.getUuid(), clock.getAsLong());
    }

    private void forgetLeft(Collection<Member> members) {
        if (lastHeardMillis.size() <= members.size()) {
            return;
        }
        Set<UUID> listed = new HashSet<>();
        members.forEach(member -> listed.add(member.getUuid()));
        lastHeardMillis.keySet().retainAll(listed);
    }
}
