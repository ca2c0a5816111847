package io.certeus.pipeline;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.impl.SerializationConstants;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.test.TestSources;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import com.hazelcast.nio.serialization.genericrecord.GenericRecordBuilder;
import io.certeus.client.CerteusClient;
import io.certeus.client.EventBuilder;
import io.certeus.core.MapNames;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventBatch;
import io.certeus.core.model.EventType;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.RejectedEvent;
import io.certeus.core.serialization.EventBatchSerializer;
import io.certeus.core.serialization.EventKeySerializer;
import io.certeus.core.serialization.IngestKeySerializer;
import io.certeus.core.shard.IngestKey;
import io.certeus.core.shard.IngestLanes;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.core.validation.RejectReason;
import io.certeus.member.internal.ingest.IngestSettings;
import io.certeus.testing.TestGridWithClient;
import org.example.hostile.SerializableGadget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static com.hazelcast.test.HazelcastTestSupport.assertTrueEventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writes straight into the ingest map with a plain Hazelcast client, as a careless or hostile user
 * on the cluster network could, while valid appends flow: keys that do not deserialize, keys of
 * other types, ingest keys off their lane's partition, batches that lie about their lane or do not
 * decode, a 5 MB foreign value, and more junk on one lane than its backpressure limit. The job must
 * stay RUNNING, chain every valid event, record every foreign entry (bounded) and remove it, and the
 * flooded lane must keep accepting appends. Values that are not batches are refused at the door, and
 * a client cannot ship classes to run in members.
 */
class HostileIngestIT {
    private static final int FLOODED_LANE = 7;
    private static final int MAX_PENDING = 100;

    private TestGridWithClient grid;
    private HazelcastInstance member;
    private HazelcastInstance plain;
    private CerteusClient certeus;

    @BeforeEach
    void start() {
        grid = new TestGridWithClient("hostile", Map.of(
                IngestSettings.MAX_PENDING_BATCHES_PER_LANE, String.valueOf(MAX_PENDING),
                IngestSettings.SAMPLE_INTERVAL_MS, "50"));
        member = grid.member();
        plain = grid.newPlainClient();
        certeus = grid.certeus();
    }

    @AfterEach
    void stop() {
        grid.close();
    }

    @Test
    @Timeout(240)
    void poisonEntriesAreRefusedRecordedAndRemovedWhileValidEventsAreChained() throws Exception {
        Job job = LedgerJobs.startIfAbsent(member, PipelineSettings.builder().autostart(false).snapshotIntervalMs(1_000)
                .anchorIntervalMs(500).build());
        IMap<Object, Object> rawIngest = plain.getMap(MapNames.INGEST);
        List<Event> valid = new ArrayList<>();
        valid.addAll(appendValid(100, 0));

        // Refused at the door: values that are not batches, or do not deserialize as one, or whose class is
        // outside the deserialization whitelist.
        assertThatThrownBy(() -> rawIngest.put("junk-key", new SerializableGadget("touch /tmp/owned")))
                .hasMessageContaining("not allowed");
        assertThatThrownBy(() -> rawIngest.put("junk-key", "junk-value")).hasMessageContaining("EventBatch values only");
        GenericRecord brokenBatch = GenericRecordBuilder.compact(EventBatchSerializer.TYPE_NAME).setInt32("lane", 1).build();
        assertThatThrownBy(() -> rawIngest.put("junk-key", brokenBatch)).isNotNull();

        int foreign = 0;
        // A key with the Compact type of EventKey and an eventId that is not a UUID: its serializer throws.
        rawIngest.put(GenericRecordBuilder.compact(EventKeySerializer.TYPE_NAME).setString("eventId", "not-a-uuid")
                .setInt32("shard", 5).build(), emptyBatch(5));
        foreign++;
        // A key whose factory no member knows (not a Compact record: refused without being deserialized).
        rawIngest.put(new UnknownFactoryKey(42), emptyBatch(5));
        foreign++;
        // A Java-serialized key (a class outside the deserialization whitelist besides).
        rawIngest.put(new SerializableGadget("touch /tmp/owned"), emptyBatch(5));
        foreign++;
        // An IngestKey written without its partition key: it lands off its lane's partition.
        rawIngest.put(misplacedIngestKey(3), emptyBatch(3));
        foreign++;
        // Batches that lie about their lane, or whose events do not decode, under proper ingest keys.
        IMap<IngestKey, EventBatch> ingest = member.getMap(MapNames.INGEST);
        ingest.put(new IngestKey(UUID.randomUUID(), 3), EventBatch.wrap(4, 0, Event.NOT_INGESTED, new byte[0]));
        foreign++;
        ingest.put(new IngestKey(UUID.randomUUID(), 5), EventBatch.wrap(5, 3, Event.NOT_INGESTED, new byte[] {1, 2, 3, 4, 5}));
        foreign++;
        // A batch that lies about how many events it holds (the 256-event bound is checked on the declared count).
        EventBatch twoEvents = EventBatch.of(6, List.of(
                EventBuilder.event(io.certeus.testing.TestEvents.caseIdInLane(6), EventType.CASE_CREATED).actor("clerk").payload("{}").build(),
                EventBuilder.event(io.certeus.testing.TestEvents.caseIdInLane(6), EventType.CASE_UPDATED).actor("clerk").payload("{}").build()));
        ingest.put(new IngestKey(UUID.randomUUID(), 6), EventBatch.wrap(6, 1, Event.NOT_INGESTED, twoEvents.encodedEvents()));
        foreign++;
        // A batch outside every lane would escape backpressure: refused at the door.
        assertThatThrownBy(() -> ingest.put(new IngestKey(UUID.randomUUID(), 3), EventBatch.wrap(-1, 0, Event.NOT_INGESTED, new byte[0])))
                .hasMessageContaining("declares no ingest lane");
        // A 5 MB foreign entry: its record keeps a bounded prefix and the digest.
        byte[] huge = new byte[5 * 1024 * 1024];
        rawIngest.put("huge-" + UUID.randomUUID(), GenericRecordBuilder.compact(EventBatchSerializer.TYPE_NAME).setInt32("lane", 9)
                .setInt32("eventCount", 0).setInt64("ingestedAtMicros", 0).setArrayOfInt8("events", huge).build());
        foreign++;
        // More junk on one lane's partition than the lane may have waiting: the gate refuses the excess
        // like any batch (junk counts as pending), and what got in must drain.
        int floodRefused = 0;
        for (String key : stringKeysOnPartition(IngestLanes.partitionOf(FLOODED_LANE), MAX_PENDING + 50)) {
            try {
                rawIngest.put(key, emptyBatch(FLOODED_LANE));
                foreign++;
            } catch (RuntimeException refused) {
                assertThat(refused).hasMessageContaining("ledger job is behind on this ingest lane");
                floodRefused++;
            }
        }
        assertThat(foreign + floodRefused).isGreaterThan(MAX_PENDING);
        valid.addAll(appendValid(100, 100));

        IMap<UUID, RejectedEvent> rejected = member.getMap(MapNames.REJECTED);
        int expectedForeign = foreign;
        assertTrueEventually(() -> {
            assertThat(rejected.size()).isEqualTo(expectedForeign);
            assertThat(member.getMap(MapNames.INGEST).size()).as("every entry read is removed, poison included").isZero();
        }, 120);
        assertThat(rejected.values()).allSatisfy(r -> assertThat(r.reasonCode()).isEqualTo(RejectReason.FOREIGN_ENTRY.name()));
        // The Java-serialized and the IdentifiedDataSerializable key are refused without being deserialized.
        assertThat(rejected.values()).anySatisfy(r -> assertThat(r.message()).contains("key is not a Compact record: serializerTypeId="
                + SerializationConstants.JAVA_DEFAULT_TYPE_SERIALIZABLE));
        assertThat(rejected.values()).anySatisfy(r -> assertThat(r.message()).contains("key is not a Compact record: serializerTypeId="
                + SerializationConstants.CONSTANT_TYPE_DATA_SERIALIZABLE));
        assertThat(rejected.values()).anySatisfy(r -> assertThat(r.message()).contains("key does not deserialize")
                .contains("Invalid UUID string: not-a-uuid"));
        assertThat(rejected.values()).anySatisfy(r -> assertThat(r.message()).contains("outside its lane's partition"));
        assertThat(rejected.values()).anySatisfy(r -> assertThat(r.message()).contains("batch declares another lane"));
        assertThat(rejected.values()).anySatisfy(r -> assertThat(r.message()).contains("batch events do not decode"));
        assertThat(rejected.values()).anySatisfy(r -> assertThat(r.message()).contains("batch declares 1 events but holds 2"));
        RejectedEvent hugeRecord = rejected.values().stream().filter(r -> r.cutFields() != null).findFirst().orElseThrow();
        assertThat(hugeRecord.event().payload()).hasSize(RejectedEvent.MAX_KEPT_BYTES);
        assertThat(hugeRecord.cutFields()).startsWith("payload bytes=").contains("sha256=");

        // The flooded lane accepts again once its junk is gone (it may still push back for a moment while
        // the job drains it), and the job never stopped.
        String floodedCase = io.certeus.testing.TestEvents.caseIdInLane(FLOODED_LANE);
        for (int i = 0; i < MAX_PENDING / 2; i++) {
            Event event = EventBuilder.event(floodedCase, EventType.CASE_UPDATED).actor("clerk").payload("{\"after\":" + i + "}").build();
            appendResendingWhileRefused(List.of(event));
            valid.add(event);
        }
        valid.addAll(appendValid(100, 200));
        IMap<LedgerKey, LedgerEntry> ledger = member.getMap(MapNames.LEDGER);
        Set<UUID> validIds = valid.stream().map(Event::eventId).collect(Collectors.toSet());
        assertTrueEventually(() -> assertThat(ledger.values().stream().map(e -> e.event().eventId()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(validIds), 120);
        assertThat(ledger.size()).as("each valid event chained once").isEqualTo(validIds.size());
        assertThat(job.getStatus()).isEqualTo(JobStatus.RUNNING);
        assertThat(rejected.size()).as("no valid event was refused").isEqualTo(expectedForeign);
    }

    @Test
    @Timeout(120)
    void aClientCannotUploadClassesWithAJob() {
        Pipeline pipeline = Pipeline.create();
        pipeline.readFrom(TestSources.items(1, 2, 3)).writeTo(Sinks.logger());
        JobConfig withUpload = new JobConfig().addClass(SerializableGadget.class);
        assertThatThrownBy(() -> plain.getJet().newJob(pipeline, withUpload).join())
                .hasMessageContaining("upload resources to the cluster, but this feature is disabled");
    }

    private List<Event> appendValid(int count, int firstCase) throws Exception {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(EventBuilder.event(String.format("HOS-%06d", firstCase + i), EventType.CASE_CREATED).actor("clerk")
                    .payload("{\"i\":" + i + "}").build());
        }
        appendResendingWhileRefused(events);
        return events;
    }

    /**
     * As a client should: a lane full of (junk) batches refuses with backpressure until the job drains
     * it; the client resends what was refused, and the ledger keeps one copy of each eventId.
     */
    private void appendResendingWhileRefused(List<Event> events) throws Exception {
        certeus.appendWaitingForCapacity(events, Duration.ofSeconds(60)).get(90, TimeUnit.SECONDS);
    }

    /** An empty batch as a plain client writes it: a Compact record with the batch's type name and fields. */
    private static GenericRecord emptyBatch(int lane) {
        return GenericRecordBuilder.compact(EventBatchSerializer.TYPE_NAME).setInt32("lane", lane).setInt32("eventCount", 0)
                .setInt64("ingestedAtMicros", 0).setArrayOfInt8("events", new byte[0]).build();
    }

    /** An IngestKey-shaped record whose stored partition is not its lane's. */
    private GenericRecord misplacedIngestKey(int lane) {
        for (long n = 0; ; n++) {
            GenericRecord key = GenericRecordBuilder.compact(IngestKeySerializer.TYPE_NAME).setInt64("batchIdHigh", n)
                    .setInt64("batchIdLow", n).setInt32("lane", lane).build();
            if (plain.getPartitionService().getPartition(key).getPartitionId() != IngestLanes.partitionOf(lane)) {
                return key;
            }
        }
    }

    private static List<String> stringKeysOnPartition(int partition, int count) {
        List<String> keys = new ArrayList<>();
        for (int n = 0; keys.size() < count; n++) {
            String key = "junk-" + n;
            if (Shards.partitionOf(key, Shards.SHARD_COUNT) == partition) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** A key only the writer can deserialize: no member has a factory with this id. */
    public static final class UnknownFactoryKey implements IdentifiedDataSerializable {
        private long value;

        public UnknownFactoryKey() {
        }

        UnknownFactoryKey(long value) {
            this.value = value;
        }

        @Override
        public int getFactoryId() {
            return 0x0BAD;
        }

        @Override
        public int getClassId() {
            return 1;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws java.io.IOException {
            out.writeLong(value);
        }

        @Override
        public void readData(ObjectDataInput in) throws java.io.IOException {
            value = in.readLong();
        }
    }
}
