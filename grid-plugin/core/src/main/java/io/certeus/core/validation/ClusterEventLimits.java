package io.certeus.core.validation;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.certeus.core.settings.SettingsSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The event limits the grid's pipeline enforces, asked from a member when a client connects, so the
 * client refuses exactly what the pipeline would (a member configured for 4 KiB payloads makes the
 * client refuse a 5 KiB one at once, instead of the pipeline recording it as rejected later).
 *
 * <p>Thread-safe: stateless; the query task is one instance per call.
 */
public final class ClusterEventLimits {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEventLimits.class);
    /** The executor the query runs on. */
    public static final String EXECUTOR = "certeus-client-queries";

    private ClusterEventLimits() {
    }

    /** The members' limits, or the defaults (logged) when no member answers within {@code timeoutMs}. */
    public static EventLimits fetchOrDefaults(HazelcastInstance clientOrMember, long timeoutMs) {
        try {
            return clientOrMember.getExecutorService(EXECUTOR).submit(new Query()).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("certeus-client: could not read the grid's event limits, validating with the defaults: reason={}", e.toString());
            return EventLimits.defaults();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EventLimits.defaults();
        }
    }

    /** Runs on a member: the limits its configuration sets. */
    static final class Query implements Callable<EventLimits>, Serializable, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;

        private transient HazelcastInstance member;

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            this.member = hazelcastInstance;
        }

        @Override
        public EventLimits call() {
            return EventLimits.from(SettingsSource.of(member.getConfig().getProperties()));
        }
    }
}
