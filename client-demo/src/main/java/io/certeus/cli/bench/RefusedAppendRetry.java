package io.certeus.cli.bench;

import io.certeus.client.CerteusClient;
import io.certeus.core.model.Event;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bench's appender: {@link CerteusClient#appendWaitingForCapacity} for each event, counting
 * every refused attempt. A refusal the client gives at once (its in-flight limit, or the grid
 * answering at once) pauses the sending thread, so the pacer falls behind its schedule and the
 * latency from the intended send time shows it; a refusal the grid gives later is resent by the
 * client after the grid's hint. An event still refused after {@code capacityWaitMs}, or failing for
 * another reason, completes the returned future exceptionally.
 *
 * <p>Thread-safe: share one instance; {@link #append} is called from the sending thread.
 */
public final class RefusedAppendRetry implements OpenLoopLoad.Appender {
    private final CerteusClient certeus;
    private final Duration capacityWait;
    private final LongAdder refusals = new LongAdder();

    public RefusedAppendRetry(CerteusClient certeus, long capacityWaitMs) {
        if (capacityWaitMs < 1) {
            throw new IllegalArgumentException("capacity wait must be positive: capacityWaitMs=" + capacityWaitMs);
        }
        this.certeus = certeus;
        this.capacityWait = Duration.ofMillis(capacityWaitMs);
    }

    /** Refusals so far, every attempt counted. */
    public long refusals() {
        return refusals.sum();
    }

    /** Completes when the grid acknowledged {@code event}; every refused attempt also runs {@code onRefusal}. */
    @Override
    public CompletableFuture<Void> append(Event event, Runnable onRefusal) {
        return certeus.appendWaitingForCapacity(List.of(event), capacityWait, (refused, refusal, waitMs) -> {
            refusals.increment();
            onRefusal.run();
        });
    }
}
