package io.certeus.client;

import io.certeus.core.model.Event;
import io.certeus.core.shard.EventKey;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one batch of appends to the ingest map; the future completes when the grid stored all of it.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
interface IngestWriter {
    CompletableFuture<Void> write(Map<EventKey, Event> entries);
}
