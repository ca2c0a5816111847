package io.certeus.core.protocol;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.certeus.core.archive.LedgerLookups;
import io.certeus.core.model.LedgerEntry;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Runs on a member: the ledger entries holding an eventId, from the grid or, for entries it no
 * longer holds, from the member's archive ({@link LedgerLookups}). What a client asks when the grid
 * alone does not know an event, so a receipt never expires with the grid's memory.
 *
 * <p>Not thread-safe: one instance per submission.
 */
public final class EventLookupTask implements Callable<List<LedgerEntry>>, HazelcastInstanceAware, Serializable {
    private static final long serialVersionUID = 1L;

    private final UUID eventId;
    private transient HazelcastInstance member;

    public EventLookupTask(UUID eventId) {
        this.eventId = eventId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public List<LedgerEntry> call() {
        return LedgerLookups.entriesWithEventIds(member, Set.of(eventId));
    }
}
