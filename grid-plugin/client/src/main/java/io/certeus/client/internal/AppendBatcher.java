package io.certeus.client.internal;

import io.certeus.client.BackpressureException;
import io.certeus.client.CerteusTimeoutException;
import io.certeus.client.ClientClosedException;
import io.certeus.client.ClientSettings;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventBatch;
import io.certeus.core.shard.IngestBatches;
import io.certeus.core.shard.IngestKey;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Batches appends from many caller threads into writes to the ingest map: callers offer to an
 * Agrona many-to-one queue, one flusher thread drains what is queued (up to the batch size), packs
 * it into one ingest batch per lane ({@link IngestBatches}) and hands those to an
 * {@link IngestWriter} (which groups them by owning member) asynchronously. A flush is sent when it
 * holds {@code batchSize} events or its first event has waited {@code lingerMs}: the more events a
 * flush holds, the more share each lane batch, and the fewer grid operations each event costs.
 * In-flight events and concurrent flushes are both bounded, so a slow grid pushes back on callers
 * instead of filling the heap. Each event's future follows its own lane batch: a refused lane fails
 * only its events.
 *
 * <p>Thread-safe: {@link #submit} may be called from any number of threads; the flusher is the
 * queue's only consumer.
 */
public final class AppendBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppendBatcher.class);

    private final IngestWriter writer;
    private final ClientSettings settings;
    private final Function<Throwable, RuntimeException> errorMapper;
    private final ManyToOneConcurrentArrayQueue<PendingAppend> queue;
    private final Semaphore inFlightEvents;
    private final Semaphore batchPermits;
    private final ScheduledExecutorService timeouts;
    private final Thread flusher;
    /** Test seam: runs in {@link #submit} between its running check and its offer (the close race's window). */
    private final Runnable afterRunningCheck;
    private volatile boolean running = true;
    /** Set by the flusher once it will send nothing more; from then on, whoever queues fails the leftovers. */
    private volatile boolean flusherDone;

    /** One caller's event and the future it waits on. */
    private static final class PendingAppend {
        final Event event;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        PendingAppend(Event event) {
            this.event = event;
        }
    }

    public AppendBatcher(IngestWriter writer, ClientSettings settings, Function<Throwable, RuntimeException> errorMapper) {
        this(writer, settings, errorMapper, () -> { });
    }

    public AppendBatcher(IngestWriter writer, ClientSettings settings, Function<Throwable, RuntimeException> errorMapper,
            Runnable afterRunningCheck) {
        this.afterRunningCheck = afterRunningCheck;
        this.writer = writer;
        this.settings = settings;
        this.errorMapper = errorMapper;
        this.queue = new ManyToOneConcurrentArrayQueue<>(settings.maxInFlightEvents());
        this.inFlightEvents = new Semaphore(settings.maxInFlightEvents());
        this.batchPermits = new Semaphore(settings.maxConcurrentBatches());
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "certeus-append-timeouts"));
        timer.setRemoveOnCancelPolicy(true); // completed batches must not linger until their deadline
        this.timeouts = timer;
        this.flusher = daemon(this::drainLoop, "certeus-append-flusher");
        this.flusher.start();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Queues one validated event; the future completes when the grid has stored it in the ingest map,
     * or fails with {@link ClientClosedException} when the client closed before it was sent.
     */
    public CompletableFuture<Void> submit(Event event) {
        if (!running) {
            return CompletableFuture.failedFuture(new ClientClosedException("client is closed: eventId=" + event.eventId()));
        }
        afterRunningCheck.run();
        if (!admit()) {
            if (!running) {
                return CompletableFuture.failedFuture(new ClientClosedException("client is closed: eventId=" + event.eventId()));
            }
            return CompletableFuture.failedFuture(new BackpressureException(
                    "append refused: client in-flight limit reached: inFlight=" + inFlight() + ", limit="
                            + settings.maxInFlightEvents() + "; retry after a pause"));
        }
        PendingAppend pending = new PendingAppend(event);
        if (!queue.offer(pending)) { // cannot happen while permits <= capacity; kept as a guard
            inFlightEvents.release();
            return CompletableFuture.failedFuture(new BackpressureException("append refused: queue full: capacity="
                    + queue.capacity()));
        }
        if (flusherDone) {
            // close() ran after the running check above and the flusher has gone: nobody else sends this
            failLeftovers();
        }
        return pending.done;
    }

    /**
     * Fails what was queued after the flusher's last look: submits that passed the running check
     * just before close. Callers hold the lock, so the queue still has one consumer at a time.
     */
    private synchronized void failLeftovers() {
        queue.drain(p -> {
            inFlightEvents.release();
            p.done.completeExceptionally(new ClientClosedException("client closed before the event was sent: eventId="
                    + p.event.eventId() + "; resending it to an open client is safe"));
        });
    }

    public int inFlight() {
        return settings.maxInFlightEvents() - inFlightEvents.availablePermits();
    }

    private boolean admit() {
        if (settings.admitWaitMs() == 0) {
            return inFlightEvents.tryAcquire();
        }
        try {
            return inFlightEvents.tryAcquire(settings.admitWaitMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void drainLoop() {
        try {
            sendUntilClosed();
        } finally {
            flusherDone = true;
            failLeftovers(); // after flusherDone: a submit that queues later sees it and fails its own event
        }
    }

    private void sendUntilClosed() {
        IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
        long lingerNs = TimeUnit.MILLISECONDS.toNanos(settings.lingerMs());
        List<PendingAppend> flush = new ArrayList<>(settings.batchSize());
        long firstQueuedNs = 0;
        while (running || !queue.isEmpty() || !flush.isEmpty()) {
            int drained = queue.drainTo(flush, settings.batchSize() - flush.size());
            if (flush.isEmpty()) {
                idle.idle();
                continue;
            }
            if (drained > 0 && flush.size() == drained) {
                firstQueuedNs = System.nanoTime();
            }
            boolean full = flush.size() >= settings.batchSize();
            if (!full && running && System.nanoTime() - firstQueuedNs < lingerNs) {
                idle.idle(); // lingering: more events may join this flush
                continue;
            }
            idle.reset();
            try {
                batchPermits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failAll(flush, new ClientClosedException("client closed while sending: flushSize=" + flush.size()));
                return;
            }
            send(flush);
            flush = new ArrayList<>(settings.batchSize());
        }
    }

    private void send(List<PendingAppend> flush) {
        List<IngestBatches.Part<PendingAppend>> parts = IngestBatches.split(flush, p -> p.event);
        List<IngestKey> keys = new ArrayList<>(parts.size());
        List<EventBatch> batches = new ArrayList<>(parts.size());
        for (IngestBatches.Part<PendingAppend> part : parts) {
            keys.add(part.key());
            batches.add(part.batch(p -> p.event));
        }
        List<CompletableFuture<Void>> stored;
        try {
            stored = writer.write(keys, batches);
        } catch (RuntimeException e) {
            stored = new ArrayList<>(parts.size());
            for (int i = 0; i < parts.size(); i++) {
                stored.add(CompletableFuture.failedFuture(e));
            }
        }
        long timeoutMs = settings.appendTimeoutMs();
        ScheduledFuture<?> timer = timeouts.schedule(() -> expire(flush, timeoutMs), timeoutMs, TimeUnit.MILLISECONDS);
        for (int i = 0; i < parts.size(); i++) {
            List<PendingAppend> events = parts.get(i).items();
            stored.get(i).whenComplete((ignored, error) -> {
                inFlightEvents.release(events.size());
                if (error == null) {
                    events.forEach(p -> p.done.complete(null));
                } else {
                    RuntimeException mapped = errorMapper.apply(error);
                    events.forEach(p -> p.done.completeExceptionally(mapped));
                }
            });
        }
        CompletableFuture.allOf(stored.toArray(new CompletableFuture<?>[0])).whenComplete((ignored, error) -> {
            timer.cancel(false);
            batchPermits.release();
        });
    }

    /** The grid has not answered in time: callers learn now; permits return when the grid finally answers. */
    private static void expire(List<PendingAppend> flush, long timeoutMs) {
        CerteusTimeoutException timeout = new CerteusTimeoutException("append not acknowledged in time: timeoutMs="
                + timeoutMs + ", flushSize=" + flush.size() + "; outcome unknown, resending the same events is safe");
        flush.forEach(p -> p.done.completeExceptionally(timeout));
    }

    private void failAll(List<PendingAppend> batch, RuntimeException error) {
        inFlightEvents.release(batch.size());
        batch.forEach(p -> p.done.completeExceptionally(error));
    }

    /** Stops accepting, sends what is queued and waits up to {@code timeoutMs} for it to be acknowledged. */
    @Override
    public void close() {
        running = false;
        try {
            flusher.join(settings.appendTimeoutMs());
            // Taking every permit proves nothing is in flight; they go back so a late submit is told "closed", not "full".
            if (inFlightEvents.tryAcquire(settings.maxInFlightEvents(), settings.appendTimeoutMs(), TimeUnit.MILLISECONDS)) {
                inFlightEvents.release(settings.maxInFlightEvents());
            } else {
                LOG.warn("certeus-client: closed with unacknowledged appends: inFlight={}", inFlight());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            timeouts.shutdownNow();
        }
    }
}
