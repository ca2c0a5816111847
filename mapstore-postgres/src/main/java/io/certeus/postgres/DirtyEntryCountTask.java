package io.certeus.postgres;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Runs on a member and answers its owned dirty-entry count of one map.
 *
 * <p>Thread-safe: runs once on one executor thread; the instance is injected before.
 */
final class DirtyEntryCountTask implements Callable<Long>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;

    private final String mapName;
    private transient HazelcastInstance member;

    DirtyEntryCountTask(String mapName) {
        this.mapName = mapName;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public Long call() {
        return member.getMap(mapName).getLocalMapStats().getDirtyEntryCount();
    }
}
