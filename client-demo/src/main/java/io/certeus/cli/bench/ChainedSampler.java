package io.certeus.cli.bench;

import io.certeus.client.CerteusClient;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Follows one acknowledged event in {@code sampleEvery} until its receipt is readable (chained) and
 * hands it to the {@link DurableProbe}. At most {@code maxOutstanding} receipt polls run at once; a
 * sample beyond that is skipped and counted, so following never loads the grid without bound.
 * Chained latency includes {@link CerteusClient#receipt}'s polling interval (2 ms doubling to 200 ms).
 * Each sample is also awaited at {@code Durability.POSTGRES} through the client ({@code postgres_ack}:
 * what an application appending durably waits), beside the database probe's own {@code durable}.
 *
 * <p>Thread-safe: {@link #onAcked} from any thread (acknowledgement callbacks).
 */
public final class ChainedSampler implements OpenLoopLoad.AckListener {
    private final CerteusClient certeus;
    private final LatencyRecorder chained;
    private final DurableProbe durable;
    private final LatencyRecorder postgresAck;
    private final int sampleEvery;
    private final int maxOutstanding;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final LongAdder completed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder postgresAckFailed = new LongAdder();
    private final AtomicInteger postgresAcksOutstanding = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicReference<Throwable> firstPostgresAckFailure = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * @param postgresAck latency to a {@code Durability.POSTGRES} acknowledgement as the client API gives
     *                    it ({@link CerteusClient#awaitDurable}), for the sampled events
     */
    public ChainedSampler(CerteusClient certeus, LatencyRecorder chained, DurableProbe durable, LatencyRecorder postgresAck,
            int sampleEvery, int maxOutstanding) {
        if (sampleEvery < 1 || maxOutstanding < 1) {
            throw new IllegalArgumentException("sampling must be positive: sampleEvery=" + sampleEvery + ", maxOutstanding="
                    + maxOutstanding);
        }
        this.certeus = certeus;
        this.chained = chained;
        this.durable = durable;
        this.postgresAck = postgresAck;
        this.sampleEvery = sampleEvery;
        this.maxOutstanding = maxOutstanding;
    }

    /**
     * Called once the grid acknowledged the event sent at {@code index}; {@code measured} false (warm-up)
     * follows the event without recording its latencies.
     */
    @Override
    public void onAcked(long index, UUID eventId, long intendedNs, boolean measured) {
        if (index % sampleEvery != 0) {
            return;
        }
        if (outstanding.incrementAndGet() > maxOutstanding) {
            outstanding.decrementAndGet();
            skipped.increment();
            return;
        }
        postgresAcksOutstanding.incrementAndGet();
        certeus.awaitDurable(eventId).whenComplete((receipt, error) -> {
            postgresAcksOutstanding.decrementAndGet();
            if (error != null) {
                postgresAckFailed.increment();
                firstPostgresAckFailure.compareAndSet(null, error);
            } else if (measured) {
                postgresAck.record(intendedNs, System.nanoTime());
            }
        });
        certeus.receipt(eventId).whenComplete((receipt, error) -> {
            long nowNs = System.nanoTime();
            outstanding.decrementAndGet();
            if (error != null) {
                failed.increment();
                return;
            }
            if (measured) {
                chained.record(intendedNs, nowNs);
            }
            completed.increment();
            durable.follow(index, intendedNs, receipt.shard(), receipt.position(), measured);
        });
    }

    public long completed() {
        return completed.sum();
    }

    public long skipped() {
        return skipped.sum();
    }

    public long failed() {
        return failed.sum();
    }

    /** Samples whose POSTGRES acknowledgement failed (timed out), and the first such failure ({@code null} if none). */
    public long postgresAckFailed() {
        return postgresAckFailed.sum();
    }

    /** Samples still waiting for their POSTGRES acknowledgement. */
    public int postgresAcksOutstanding() {
        return postgresAcksOutstanding.get();
    }

    public Throwable firstPostgresAckFailure() {
        return firstPostgresAckFailure.get();
    }

    public int outstanding() {
        return outstanding.get();
    }
}
