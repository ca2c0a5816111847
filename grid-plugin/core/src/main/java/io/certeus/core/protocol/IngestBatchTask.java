package io.certeus.core.protocol;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.internal.nio.IOUtil;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import io.certeus.core.MapNames;
import io.certeus.core.model.EventBatch;
import io.certeus.core.shard.IngestKey;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A client's ingest batches for the lanes one member owns, stored by that member: one round trip
 * per member instead of one per partition. Each batch is stored on its own (an asynchronous
 * {@code set} per lane, all in flight at once), so a refused lane fails only its own batch; the
 * answer says, batch by batch, what happened ({@link IngestOutcome}). Batches of partitions that
 * moved meanwhile are forwarded by the member, so ownership changes cost time, not correctness.
 *
 * <p>Batches travel as serialized {@link Data} and are stored as they arrived: the member does not
 * deserialize and serialize them again before the ingest map's interceptor reads them.
 *
 * <p>Not thread-safe: one instance per submission.
 */
public final class IngestBatchTask implements Callable<IngestOutcome>, DataSerializable, HazelcastInstanceAware {
    /**
     * The member's user-context entry its ingest gate puts there once installed: until then a batch
     * would be stored unstamped and unaccounted, so this task refuses it (retryable).
     */
    public static final String GATE_INSTALLED_KEY = "certeus.ingest-gate";
    /** Wait suggested while a member has not installed its gate yet (start-up takes about that long). */
    private static final long GATE_PENDING_RETRY_AFTER_MS = 200;

    private List<IngestKey> keys;
    private List<Data> batches;
    private transient HazelcastInstance member;

    /** For deserialization. */
    public IngestBatchTask() {
    }

    /** {@code keys.get(i)} is the key of {@code batches.get(i)}, an {@link EventBatch} in serialized form. */
    public IngestBatchTask(List<IngestKey> keys, List<Data> batches) {
        if (keys.size() != batches.size()) {
            throw new IllegalArgumentException("keys and batches differ in number: keys=" + keys.size() + ", batches="
                    + batches.size());
        }
        this.keys = keys;
        this.batches = batches;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    /** Stores every batch; waits for all of them (owner and backup) and reports each one's fate. */
    @Override
    public IngestOutcome call() {
        if (member.getUserContext().get(GATE_INSTALLED_KEY) == null) {
            IngestOutcome refused = new IngestOutcome(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                refused.recordFailure(i, new AppendRefusedException(keys.get(i).lane(), "member starting, ingest gate not installed yet: member="
                        + member.getName(), GATE_PENDING_RETRY_AFTER_MS));
            }
            return refused;
        }
        IMap<IngestKey, Object> ingest = member.getMap(MapNames.INGEST); // values are Data: stored as they are
        List<CompletableFuture<Void>> stores = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            stores.add(ingest.setAsync(keys.get(i), batches.get(i)).toCompletableFuture());
        }
        IngestOutcome outcome = new IngestOutcome(keys.size());
        for (int i = 0; i < stores.size(); i++) {
            try {
                stores.get(i).join();
            } catch (CompletionException e) {
                outcome.recordFailure(i, e.getCause() == null ? e : e.getCause());
            }
        }
        return outcome;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            out.writeObject(keys.get(i));
            IOUtil.writeData(out, batches.get(i));
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        int size = in.readInt();
        keys = new ArrayList<>(size);
        batches = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            keys.add(in.readObject());
            batches.add(IOUtil.readData(in));
        }
    }
}
