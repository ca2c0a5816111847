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
 *
 * <p>Thread-safe: {@link #onAcked} from any thread (acknowledgement callbacks).
 */
public final class ChainedSampler implements OpenLoopLoad.AckListener {
    private final CerteusClient certeus;
    private final LatencyRecorder chained;
    private final DurableProbe durable;
    private final int sampleEvery;
    private final int maxOutstanding;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final LongAdder completed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder failed = new LongAdder();

    public ChainedSampler(CerteusClient certeus, LatencyRecorder chained, DurableProbe durable, int sampleEvery,
            int maxOutstanding) {
        if (sampleEvery < 1 || maxOutstanding < 1) {
            throw new IllegalArgumentException("sampling must be positive: sampleEvery=" + sampleEvery + ", maxOutstanding="
                    + maxOutstanding);
        }
        this.certeus = certeus;
        this.chained = chained;
        this.durable = durable;
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

    public int outstanding() {
        return outstanding.get();
    }
}
