package io.certeus.pipeline;

import com.hazelcast.jet.Util;
import io.certeus.core.hash.Hashes;
import io.certeus.core.hash.LedgerHasher;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.EventKey;
import io.certeus.core.shard.Shards;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Deterministic test events: event {@code n} is a pure function of {@code n}, so Jet generators can
 * make them without capturing objects, and tests can rebuild the expected chains independently.
 */
final class TestEvents {
    static final long BASE_MICROS = 1_700_000_000_000_000L;

    private TestEvents() {
    }

    static UUID eventId(long n) {
        return new UUID(0x0190_0000_0000_7000L | (n << 16), 0x8000_0000_0000_0000L | 42);
    }

    static String caseId(long n, int cases) {
        return String.format("CAS-%06d", n % cases);
    }

    /** A valid, already stamped event. */
    static Event event(long n, int cases) {
        byte[] payload = ("{\"n\":" + n + ",\"note\":\"ok\"}").getBytes(StandardCharsets.UTF_8);
        return new Event(eventId(n), caseId(n, cases), "CASE_UPDATED", "clerk-" + (n % 7), n % 3 == 0 ? "10.0.0.1" : null,
                n % 5 == 0 ? Hashes.sha256(payload) : null, payload, BASE_MICROS - 1_000 + n, BASE_MICROS + n);
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

    static Map.Entry<EventKey, Event> entry(long n, int cases) {
        Event event = isMalformed(n) ? malformed(n, cases) : event(n, cases);
        return Util.entry(EventKey.of(event.eventId(), event.caseId()), event);
    }

    /** Expected chains of the accepted events among the first {@code count}, in order, per shard. */
    static Map<Integer, List<LedgerEntry>> referenceChains(List<Event> acceptedInOrder) {
        LedgerHasher hasher = new LedgerHasher();
        Map<Integer, List<LedgerEntry>> chains = new HashMap<>();
        for (Event event : acceptedInOrder) {
            int shard = Shards.shardOf(event.caseId());
            List<LedgerEntry> chain = chains.computeIfAbsent(shard, s -> new ArrayList<>());
            byte[] prev = chain.isEmpty() ? Hashes.ZERO_HASH : chain.get(chain.size() - 1).hash();
            long position = chain.size();
            chain.add(new LedgerEntry(event, shard, position, prev, hasher.entryHash(shard, position, prev, event)));
        }
        return chains;
    }
}
