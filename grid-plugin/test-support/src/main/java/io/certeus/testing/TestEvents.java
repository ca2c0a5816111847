package io.certeus.testing;

import io.certeus.client.EventBuilder;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventType;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Builds valid events for tests, with one field changed at a time.
 *
 * <p>Not thread-safe: a builder per test.
 */
public final class TestEvents {
    private UUID eventId = UUID.fromString("0190f3a4-5b6c-7d8e-9f01-23456789abcd");
    private String caseId = "ABC-123456";
    private String type = EventType.CASE_CREATED.name();
    private String actor = "clerk@court.example";
    private String sourceIp = "192.0.2.10";
    private byte[] documentHash = null;
    private byte[] payload = "{\"title\":\"Case opened\",\"court\":\"District 7\"}".getBytes(StandardCharsets.UTF_8);
    private long occurredAtMicros = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z
    private long ingestedAtMicros = 1_767_225_600_123_456L;

    /** A valid CASE_UPDATED event of {@code caseId} with a new eventId, as a client would build it. */
    public static Event newUpdate(String caseId) {
        return EventBuilder.event(caseId, EventType.CASE_UPDATED).actor("clerk").payload("{}").build();
    }

    public static TestEvents event() {
        return new TestEvents();
    }

    public TestEvents eventId(UUID value) {
        eventId = value;
        return this;
    }

    public TestEvents caseId(String value) {
        caseId = value;
        return this;
    }

    public TestEvents type(String value) {
        type = value;
        return this;
    }

    public TestEvents actor(String value) {
        actor = value;
        return this;
    }

    public TestEvents sourceIp(String value) {
        sourceIp = value;
        return this;
    }

    public TestEvents documentHash(byte[] value) {
        documentHash = value;
        return this;
    }

    public TestEvents payload(String json) {
        payload = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    public TestEvents payloadBytes(byte[] value) {
        payload = value;
        return this;
    }

    public TestEvents occurredAtMicros(long value) {
        occurredAtMicros = value;
        return this;
    }

    public TestEvents ingestedAtMicros(long value) {
        ingestedAtMicros = value;
        return this;
    }

    public Event build() {
        return new Event(eventId, caseId, type, actor, sourceIp, documentHash, payload, occurredAtMicros, ingestedAtMicros);
    }

    /** The first case id of the form {@code LAN-nnnnnn} whose shard belongs to ingest lane {@code lane}. */
    public static String caseIdInLane(int lane) {
        for (int n = 0; n < 1_000_000; n++) {
            String caseId = String.format("LAN-%06d", n);
            if (io.certeus.core.shard.IngestLanes.laneOf(io.certeus.core.shard.Shards.shardOf(caseId)) == lane) {
                return caseId;
            }
        }
        throw new IllegalArgumentException("no case id found for lane: lane=" + lane);
    }

    /** The ids of every event the ingest map holds, over all its batches. */
    public static java.util.Set<java.util.UUID> eventIdsIn(
            com.hazelcast.map.IMap<io.certeus.core.shard.IngestKey, io.certeus.core.model.EventBatch> ingest) {
        java.util.Set<java.util.UUID> ids = new java.util.HashSet<>();
        for (io.certeus.core.model.EventBatch batch : ingest.values()) {
            batch.events().forEach(e -> ids.add(e.eventId()));
        }
        return ids;
    }
}
