package io.certeus.client.internal;

import io.certeus.core.model.EventBatch;
import io.certeus.core.shard.IngestKey;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Stores ingest batches in the ingest map. Returns one future per batch, index-aligned with the
 * arguments, so a batch the grid refuses fails alone.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface IngestWriter {
    List<CompletableFuture<Void>> write(List<IngestKey> keys, List<EventBatch> batches);
}
