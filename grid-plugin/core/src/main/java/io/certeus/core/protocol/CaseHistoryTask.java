package io.certeus.core.protocol;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.certeus.core.MapNames;
import io.certeus.core.archive.LedgerArchive;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Runs on the member that owns a case's shard: the case's entries from the ledger map (one
 * partition scanned, not the cluster) merged with what the {@link LedgerArchive} holds, by position.
 *
 * <p>Not thread-safe: one instance per submission.
 */
public final class CaseHistoryTask implements Callable<List<LedgerEntry>>, HazelcastInstanceAware, Serializable {
    private static final long serialVersionUID = 1L;

    private final String caseId;
    private transient HazelcastInstance member;

    public CaseHistoryTask(String caseId) {
        this.caseId = caseId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public List<LedgerEntry> call() {
        int shard = Shards.shardOf(caseId);
        IMap<LedgerKey, LedgerEntry> ledger = member.getMap(MapNames.LEDGER);
        TreeMap<Long, LedgerEntry> byPosition = new TreeMap<>();
        LedgerArchive archive = LedgerArchive.of(member);
        if (archive != null) {
            for (LedgerEntry entry : archive.caseHistory(shard, caseId)) {
                byPosition.put(entry.position(), entry);
            }
        }
        for (LedgerEntry entry : ledger.values(Predicates.partitionPredicate(Shards.pinningKey(shard),
                Predicates.equal("caseId", caseId)))) {
            byPosition.put(entry.position(), entry); // the grid's copy is authoritative while it holds one
        }
        List<LedgerEntry> history = new ArrayList<>(byPosition.values());
        history.sort(Comparator.comparingLong(LedgerEntry::position));
        return history;
    }
}
