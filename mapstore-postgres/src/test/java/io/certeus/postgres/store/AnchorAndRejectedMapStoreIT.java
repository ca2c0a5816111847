package io.certeus.postgres.store;

import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.RejectedEvent;
import io.certeus.postgres.PostgresSettings;
import io.certeus.testing.PostgresTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class AnchorAndRejectedMapStoreIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private static AnchorMapStore anchors;
    private static RejectedEventMapStore rejected;
    private final Random random = new Random(3);

    @BeforeAll
    static void start() {
        PostgresSettings settings = PostgresSettings.fromPropertiesOnly(PG.settings());
        anchors = new AnchorMapStore(settings);
        anchors.start("anchor-it", "certeus-anchors");
        rejected = new RejectedEventMapStore(settings);
        rejected.start("anchor-it", "certeus-rejected");
    }

    @AfterAll
    static void stop() {
        anchors.destroy();
        rejected.destroy();
    }

    @Test
    void anchorsRoundTripByteExactAndAForkedSequenceIsRecorded() throws Exception {
        Anchor first = anchor(0, Hashes.ZERO_HASH);
        Anchor second = anchor(1, first.anchorHash());
        Map<Long, Anchor> batch = new HashMap<>();
        batch.put(0L, first);
        batch.put(1L, second);
        anchors.storeAll(batch);
        anchors.storeAll(batch);

        assertThat(anchors.load(0L)).isEqualTo(first);
        assertThat(anchors.loadAll(List.of(0L, 1L, 2L))).containsOnlyKeys(0L, 1L).containsEntry(1L, second);

        Anchor rival = anchor(1, first.anchorHash());
        anchors.store(1L, rival);
        assertThat(anchors.load(1L)).isEqualTo(second);
        assertThat(PG.queryLong("SELECT count(*) FROM anchor_fork WHERE sequence = 1")).isEqualTo(1);
        assertThat(PG.queryLong("SELECT count(*) FROM anchor")).isEqualTo(2);
    }

    @Test
    void rejectedEventsKeepAnyContentIncludingNulAndLoneSurrogatesExactly() throws Exception {
        UUID id = UUID.randomUUID();
        Event hostile = new Event(null, "bad\u0000case", "NOT_A_TYPE", "actor \uD800 with \\u0000 text", "not-an-ip\u0000",
                new byte[7], new byte[] {(byte) 0xFF, 0, (byte) 0xC0, '{'}, Long.MIN_VALUE, Long.MAX_VALUE);
        RejectedEvent hostileRejection = new RejectedEvent(hostile, "BAD_CASE_ID", "caseId must match: caseId=\"bad\u0000case\"",
                Long.MIN_VALUE + 1);
        UUID plainId = UUID.randomUUID();
        Event missing = new Event(plainId, null, null, null, null, null, null, 0, Event.NOT_INGESTED);
        RejectedEvent missingRejection = new RejectedEvent(missing, "BAD_PAYLOAD", "payload is required", 12);
        Map<UUID, RejectedEvent> batch = new HashMap<>();
        batch.put(id, hostileRejection);
        batch.put(plainId, missingRejection);

        rejected.storeAll(batch);
        rejected.storeAll(batch);

        assertThat(rejected.load(id)).isEqualTo(hostileRejection);
        assertThat(rejected.load(plainId)).isEqualTo(missingRejection);
        String ids = "('" + id + "', '" + plainId + "')";
        assertThat(PG.queryLong("SELECT count(*) FROM rejected_event WHERE rejected_id IN " + ids)).isEqualTo(2);
        assertThat(PG.queryLong("SELECT count(*) FROM rejected_event WHERE text_escaped AND rejected_id IN " + ids))
                .isEqualTo(1);
        assertThat(rejected.loadAll(List.of(id, plainId))).hasSize(2);
    }

    @Test
    void rejectedEventWithAMaximumSizePayloadIsStored() throws Exception {
        byte[] huge = new byte[4 * 1024 * 1024];
        random.nextBytes(huge);
        UUID id = UUID.randomUUID();
        RejectedEvent tooLarge = new RejectedEvent(new Event(id, "ABC-123456", "CASE_CREATED", "a", null, null, huge, 1, 2),
                "PAYLOAD_TOO_LARGE", "payload too large: bytes=" + huge.length, 3);
        rejected.store(id, tooLarge);
        assertThat(rejected.load(id).event().payload()).isEqualTo(huge);
        assertThat(new String(rejected.load(id).message().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .contains("bytes=4194304");
    }

    @Test
    void boundedRejectedEventKeepsItsCutFieldsDescription() throws Exception {
        byte[] huge = new byte[2 * 1024 * 1024];
        random.nextBytes(huge);
        UUID id = UUID.randomUUID();
        RejectedEvent bounded = RejectedEvent.bounded(new Event(id, "ABC-123456", "CASE_CREATED", "a", null, null, huge, 1, 2),
                "PAYLOAD_TOO_LARGE", "payload too large: bytes=" + huge.length, 3);
        rejected.store(id, bounded);
        assertThat(rejected.load(id)).isEqualTo(bounded);
        assertThat(PG.queryLong("SELECT octet_length(payload) FROM rejected_event WHERE rejected_id = '" + id + "'"))
                .isEqualTo(RejectedEvent.MAX_KEPT_BYTES);
        assertThat(PG.queryLong("SELECT count(*) FROM rejected_event WHERE cut_fields LIKE 'payload bytes=2097152 sha256=%' AND rejected_id = '"
                + id + "'")).isEqualTo(1);
    }

    private Anchor anchor(long sequence, byte[] prev) {
        int shards = 1000;
        long[] sizes = new long[shards];
        // Every shard empty: an anchor is stored only once the entries at its heads are (AnchorPrerequisites).
        byte[] heads = new byte[shards * Hashes.HASH_BYTES];
        random.nextBytes(heads);
        byte[] root = new byte[32];
        random.nextBytes(root);
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        return new Anchor(sequence, 1_704_067_200_000_000L + sequence, root, prev, hash, sizes, heads);
    }
}
