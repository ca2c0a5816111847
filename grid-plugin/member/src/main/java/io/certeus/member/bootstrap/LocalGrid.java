package io.certeus.member.bootstrap;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.certeus.core.MapNames;
import io.certeus.core.retry.Backoff;
import io.certeus.core.retry.Poll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * N Hazelcast members in this JVM on the real loopback network, for the demo and local work.
 * Closing it flushes dirty write-behind entries and shuts members down gracefully.
 *
 * <p>Not thread-safe: start and close from one thread; the members themselves are thread-safe.
 */
public final class LocalGrid implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalGrid.class);
    private static final long SAFE_SHUTDOWN_WAIT_SECONDS = 60;
    private static final Backoff SAFE_SHUTDOWN_POLL = Backoff.fixed(100);

    private final List<HazelcastInstance> members;

    private LocalGrid(List<HazelcastInstance> members) {
        this.members = members;
    }

    /**
     * Starts {@code memberCount} members, each with the config {@code configForMember} returns for
     * its index; they join each other over TCP on 127.0.0.1.
     */
    public static LocalGrid start(int memberCount, IntFunction<Config> configForMember) {
        if (memberCount < 1 || memberCount > 16) {
            throw new IllegalArgumentException("member count out of range: members=" + memberCount + ", allowed=[1, 16]");
        }
        List<HazelcastInstance> started = new ArrayList<>();
        try {
            for (int i = 0; i < memberCount; i++) {
                Config config = Objects.requireNonNull(configForMember.apply(i), "config");
                config.setInstanceName(config.getClusterName() + "-member-" + i);
                started.add(Hazelcast.newHazelcastInstance(config));
            }
        } catch (RuntimeException e) {
            started.forEach(HazelcastInstance::shutdown);
            throw e;
        }
        LOG.info("certeus: local grid started: members={}, cluster={}", memberCount,
                started.get(0).getConfig().getClusterName());
        return new LocalGrid(List.copyOf(started));
    }

    public List<HazelcastInstance> members() {
        return members;
    }

    public HazelcastInstance anyMember() {
        return members.get(0);
    }

    /** Writes every dirty write-behind entry of the persisted maps to their stores now. */
    public void flush() {
        HazelcastInstance member = members.stream().filter(m -> m.getLifecycleService().isRunning()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no member of the local grid is running"));
        for (String name : new String[] {MapNames.LEDGER, MapNames.ANCHORS, MapNames.REJECTED}) {
            if (member.getConfig().getMapConfig(name).getMapStoreConfig().isEnabled()) {
                member.getMap(name).flush();
            }
        }
    }

    /**
     * Flushes write-behind, then shuts the whole cluster down at once (no partition migration
     * between members that are all leaving).
     */
    @Override
    public void close() {
        HazelcastInstance running = members.stream().filter(m -> m.getLifecycleService().isRunning()).findFirst().orElse(null);
        if (running == null) {
            return;
        }
        flush();
        shutdownCluster(running);
    }

    /**
     * A cluster-wide shutdown is refused while partitions migrate (just after start, say): wait for a
     * safe cluster, and fall back to leaving one member at a time.
     */
    private void shutdownCluster(HazelcastInstance running) {
        try {
            Poll.until("cluster safe for shutdown", SAFE_SHUTDOWN_POLL, TimeUnit.SECONDS.toMillis(SAFE_SHUTDOWN_WAIT_SECONDS),
                    () -> shutDownIfSafe(running));
            return;
        } catch (TimeoutException e) {
            // falls through to one member at a time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warn("certeus: cluster not safe after {} s; shutting members down one by one", SAFE_SHUTDOWN_WAIT_SECONDS);
        members.stream().filter(m -> m.getLifecycleService().isRunning()).forEach(m -> m.getLifecycleService().shutdown());
    }

    /** True once the cluster-wide shutdown was accepted; false while partitions migrate. */
    private static boolean shutDownIfSafe(HazelcastInstance running) {
        try {
            if (running.getPartitionService().isClusterSafe()) {
                running.getCluster().shutdown();
                return true;
            }
        } catch (IllegalStateException migrating) {
            LOG.debug("certeus: cluster not ready for shutdown yet: {}", migrating.getMessage());
        }
        return false;
    }
}
