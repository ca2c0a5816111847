package io.certeus.core.protocol;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.certeus.core.retry.Causes;

import java.io.IOException;

/**
 * What happened to each batch of an {@link IngestBatchTask}, by index: stored, refused for
 * backpressure (retryable, with the suggested wait), refused for want of a majority (retryable), or
 * failed (with the member's message).
 *
 * <p>Not thread-safe: filled by one task, then read by one caller.
 */
public final class IngestOutcome implements DataSerializable {
    /** The batch is stored (owner and backup) and journaled. */
    public static final byte STORED = 0;
    /** The grid refused the batch for backpressure; nothing was stored; retry after {@link #retryAfterMs}. */
    public static final byte REFUSED = 1;
    /** The batch was not stored for another reason (see {@link #message}). */
    public static final byte FAILED = 2;
    /**
     * The member is on a side of the cluster without a majority (split-brain protection): nothing
     * was stored; retryable.
     */
    public static final byte NO_MAJORITY = 3;

    private byte[] states;
    private String[] messages;
    private long[] retryAfterMs;

    /** For deserialization. */
    public IngestOutcome() {
    }

    IngestOutcome(int batches) {
        states = new byte[batches];
        messages = new String[batches];
        retryAfterMs = new long[batches];
    }

    void recordFailure(int index, Throwable failure) {
        Throwable known = Causes.findAny(failure, AppendRefusedException.class, SplitBrainProtectionException.class);
        if (known instanceof AppendRefusedException) {
            states[index] = REFUSED;
            retryAfterMs[index] = ((AppendRefusedException) known).retryAfterMs();
        } else {
            states[index] = known != null ? NO_MAJORITY : FAILED;
        }
        messages[index] = String.valueOf((known != null ? known : failure).getMessage());
    }

    public int size() {
        return states.length;
    }

    public byte state(int index) {
        return states[index];
    }

    /** Why batch {@code index} was not stored, or {@code null} when it was. */
    public String message(int index) {
        return messages[index];
    }

    /** For a {@link #REFUSED} batch, the wait the grid suggests before resending, in milliseconds. */
    public long retryAfterMs(int index) {
        return retryAfterMs[index];
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByteArray(states);
        out.writeStringArray(messages);
        out.writeLongArray(retryAfterMs);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        states = in.readByteArray();
        messages = in.readStringArray();
        retryAfterMs = in.readLongArray();
    }
}
