package io.certeus.pipeline;

import com.hazelcast.jet.Util;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventBatch;
import io.certeus.core.model.IngestJournalItem;
import io.certeus.core.shard.IngestKey;
import io.certeus.core.shard.IngestLanes;
import io.certeus.core.shard.Shards;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbered events packed in ingest-lane batches for pipeline tests: event {@code n} is a pure function
 * of {@code n}, so Jet generators can make them without capturing objects, and tests can rebuild the
 * expected chains independently ({@link io.certeus.testing.TestChains#chainsByShard}). For one valid
 * event with a field changed, see {@link io.certeus.testing.TestEvents}.
 *
 * <p>Thread-safe: stateless but for a concurrent cache of batch lists.
 */
final class LaneBatchEvents {
    static final long BASE_MICROS = 1_700_000_000_000_000L;
    /** Events per simulated client flush in {@link #laneBatches}. */
    static final int FLUSH = 200;

    private static final Map<List<Integer>, List<Map.Entry<IngestKey, EventBatch>>> LANE_BATCHES = new ConcurrentHashMap<>();

    private LaneBatchEvents() {
    }

    static UUID eventId(long n) {
        return new UUID(0x0190_0000_0000_7000L | (n << 16), 0x8000_0000_0000_0000L | 42);
    }

    static String caseId(long n, int cases) {
        return String.format("CAS-%06d", n % cases);
    }

    /** A valid event, stamped as its flush's batch is in {@link #laneBatches}. */
    static Event event(long n, int cases) {
        byte[] payload = ("{\"n\":" + n + ",\"note\":\"ok\"}").getBytes(StandardCharsets.UTF_8);
        return new Event(eventId(n), caseId(n, cases), "CASE_UPDATED", "clerk-" + (n % 7), n % 3 == 0 ? "10.0.0.1" : null,
                n % 5 == 0 ? Hashes.sha256(payload) : null, payload, BASE_MICROS - 1_000 + n, ingestedAtOfFlush(n));
    }

    /** The ingest stamp of the flush that carries event {@code n}: one per batch, as the owning member stamps it. */
    static long ingestedAtOfFlush(long n) {
        return BASE_MICROS + (n / FLUSH) * FLUSH;
    }

    /** Event {@code n} with an unknown type. */
    static Event malformed(long n, int cases) {
        Event good = event(n, cases);
        return new Event(good.eventId(), good.caseId(), "NOT_A_TYPE", good.actor(), good.sourceIp(), good.documentHash(),
                good.payload(), good.occurredAtMicros(), good.ingestedAtMicros());
    }

    static boolean isMalformed(long n) {
        return n % 10 == 7;
    }

    /** Event {@code n}, malformed when {@link #isMalformed(long)}. */
    static Event eventOrMalformed(long n, int cases) {
        return isMalformed(n) ? malformed(n, cases) : event(n, cases);
    }

    /**
     * Events {@code 0..events-1} as a client would pack them: flushes of {@value #FLUSH} consecutive
     * events, each flush split into one batch per ingest lane (a shard's events keep their order).
     * Keys are deterministic, so the same list can be replayed as repeats.
     */
    static List<Map.Entry<IngestKey, EventBatch>> laneBatches(int events, int cases) {
        List<Map.Entry<IngestKey, EventBatch>> batches = new ArrayList<>();
        for (int flushStart = 0; flushStart < events; flushStart += FLUSH) {
            Map<Integer, List<Event>> byLane = new LinkedHashMap<>();
            for (int n = flushStart; n < Math.min(events, flushStart + FLUSH); n++) {
                Event event = eventOrMalformed(n, cases);
                byLane.computeIfAbsent(IngestLanes.laneOf(Shards.shardOf(event.caseId())), lane -> new ArrayList<>()).add(event);
            }
            for (Map.Entry<Integer, List<Event>> lane : byLane.entrySet()) {
                IngestKey key = new IngestKey(new UUID(0xB47C4L, batches.size()), lane.getKey());
                batches.add(Util.entry(key, EventBatch.of(lane.getKey(), lane.getValue()).withIngestedAtMicros(ingestedAtOfFlush(flushStart))));
            }
        }
        return batches;
    }

    /** Batch {@code index} of {@link #laneBatches}, computed once per (events, cases) for Jet generator functions. */
    static Map.Entry<IngestKey, EventBatch> laneBatch(long index, int events, int cases) {
        List<Map.Entry<IngestKey, EventBatch>> batches = LANE_BATCHES.computeIfAbsent(List.of(events, cases),
                k -> laneBatches(events, cases));
        return batches.get((int) (index % batches.size()));
    }

    /** Batch {@code index} of {@link #laneBatches} as the ingest journal source hands it on (key bytes: the batch id). */
    static IngestJournalItem laneJournalItem(long index, int events, int cases) {
        Map.Entry<IngestKey, EventBatch> batch = laneBatch(index, events, cases);
        byte[] keyBytes = ByteBuffer.allocate(16).putLong(batch.getKey().batchId().getMostSignificantBits())
                .putLong(batch.getKey().batchId().getLeastSignificantBits()).array();
        return IngestJournalItem.batch(keyBytes, batch.getKey(), batch.getValue(), false);
    }
}
