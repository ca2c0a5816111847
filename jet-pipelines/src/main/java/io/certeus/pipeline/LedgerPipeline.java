package io.certeus.pipeline;

import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.config.ProcessingGuarantee;
import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.ServiceFactories;
import com.hazelcast.jet.pipeline.StreamSource;
import com.hazelcast.jet.pipeline.StreamStage;
import io.certeus.core.MapNames;
import io.certeus.core.model.Event;
import io.certeus.core.model.IngestJournalItem;
import io.certeus.core.model.LedgerCandidate;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.RejectedEvent;
import io.certeus.core.model.ShardHead;
import io.certeus.core.shard.EventKey;
import io.certeus.core.shard.Shards;
import io.certeus.core.validation.EventLimits;
import io.certeus.core.validation.EventValidator;
import io.certeus.pipeline.stage.AnchorLookup;
import io.certeus.pipeline.stage.AnchorProcessor;
import io.certeus.pipeline.stage.ChainSeed;
import io.certeus.pipeline.stage.ChainStage;
import io.certeus.pipeline.stage.ChainState;
import io.certeus.pipeline.stage.DedupeStage;
import io.certeus.pipeline.stage.DedupeWindow;
import io.certeus.pipeline.stage.IngestStage;
import io.certeus.pipeline.stage.IngestedEvent;
import io.certeus.pipeline.stage.PriorLookupStage;
import io.certeus.core.metrics.StageMetrics;
import io.certeus.pipeline.stage.StageOutcome;
import io.certeus.pipeline.stage.ValidateStage;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds the ledger job ({@value MapNames#LEDGER_JOB}): the six stages ingest, validate, dedupe, chain,
 * commit, anchor, and the ledger lookup between validate and dedupe that makes the eventId an
 * idempotency key of the whole ledger (see {@link ChainStage}). The source and the sinks are parameters so tests feed {@code TestSources} and
 * collect into lists; production uses {@link IngestJournal#source()} and {@link LedgerSinks#grid()}.
 *
 * <pre>
 * journal ─┬─ingest─validate─┬─(accepted)─lookup─dedupe[shard]─(new)─chain[shard]─commit─┬─ ledger
 *          │   (unpack batch, │          (ledger  (window repeats    (ledger repeats      └─ heads ─anchor[one]─ anchors
 *          │ refuse foreign)  │          by id)    dropped)            dropped)
 *          │                  └─(rejected)──────────────┴─(conflicts)──────┴─(conflicts)─ rejected
 *          └─ consumed ingest keys ─ ingest cleanup
 * </pre>
 *
 * Dedupe and chain are keyed by the shard's pinning key, whose partition is the shard, so a shard's
 * events are chained on the member that owns its journal partition.
 *
 * <p>Thread-safe: stateless factory.
 */
public final class LedgerPipeline {
    public static final String STAGE_INGEST = "ingest";
    public static final String STAGE_VALIDATE = "validate";
    public static final String STAGE_LOOKUP = "lookup";
    public static final String STAGE_DEDUPE = "dedupe";
    public static final String STAGE_CHAIN = "chain";
    public static final String STAGE_COMMIT = "commit";
    public static final String STAGE_ANCHOR = "anchor";

    private LedgerPipeline() {
    }

    /** The production job on an empty ledger: journal source and the CERTEUS maps. */
    public static Pipeline forGrid(PipelineSettings settings) {
        return forGrid(settings, ChainSeed.empty());
    }

    /** The production job continuing the ledger as {@code seed} describes it (see {@link LedgerJobs}). */
    public static Pipeline forGrid(PipelineSettings settings, ChainSeed seed) {
        return build(IngestJournal.source(), LedgerSinks.grid(), settings, seed);
    }

    /**
     * Exactly-once, named, snapshot before processing; restarted only where more than half of the
     * largest cluster it ran on is (Jet's split-brain protection), so the small side of a partition
     * never runs a second copy of the chains.
     */
    public static JobConfig jobConfig(PipelineSettings settings) {
        JobConfig config = new JobConfig()
                .setName(MapNames.LEDGER_JOB)
                .setProcessingGuarantee(ProcessingGuarantee.EXACTLY_ONCE)
                .setSnapshotIntervalMillis(settings.snapshotIntervalMs())
                .setSplitBrainProtection(true)
                .setMetricsEnabled(true);
        config.setRequireSnapshotBeforeProcessing(true);
        return config;
    }

    /**
     * The pipeline over {@code source}, whose items are ingest journal items (see {@link IngestJournal}).
     */
    public static Pipeline build(StreamSource<IngestJournalItem> source, LedgerSinks sinks, PipelineSettings settings) {
        return build(source, sinks, settings, ChainSeed.empty());
    }

    /**
     * As {@link #build(StreamSource, LedgerSinks, PipelineSettings)}, with every shard's chain and the
     * anchor chain continuing from {@code seed} where the job has no (restored) state of its own.
     */
    public static Pipeline build(StreamSource<IngestJournalItem> source, LedgerSinks sinks, PipelineSettings settings,
            ChainSeed seed) {
        Objects.requireNonNull(seed, "seed");
        long horizonMicros = settings.dedupeHorizonSeconds() * 1_000_000L;
        int maxIds = settings.dedupeMaxIdsPerShard();
        int maxPayloadBytes = settings.maxPayloadBytes();
        int maxActorBytes = settings.maxActorBytes();
        long anchorIntervalMs = settings.anchorIntervalMs();
        AnchorLookup anchorLookup = sinks.anchorLookup();

        Pipeline pipeline = Pipeline.create();
        // A shard's events must reach the chain stage in journal order: isolated edges, no round-robin.
        pipeline.setPreserveOrder(true);
        StreamStage<IngestJournalItem> journal = pipeline.readFrom(source).withoutTimestamps();
        // Every entry read is removed from the ingest map, batch or foreign, by its stored key bytes: the
        // journal keeps it for a replay, and the map's size stays the lane's lag that backpressure reads.
        // (An item without key bytes has nothing to remove by; the projection makes one only for a journal
        // event it cannot read at all.)
        journal.map(IngestJournalItem::keyData)
                .filter(keyData -> keyData.length > 0)
                .setName("consumed-keys")
                .writeTo(sinks.ingestCleanup());
        StreamStage<IngestedEvent> ingested = journal
                .flatMap(IngestStage::read)
                .setName(STAGE_INGEST);

        StreamStage<StageOutcome<Map.Entry<EventKey, Event>>> validated = ingested
                .mapUsingService(
                        ServiceFactories.sharedService(ctx -> new EventValidator(new EventLimits(maxPayloadBytes, maxActorBytes))),
                        ValidateStage::validate)
                .setName(STAGE_VALIDATE);

        // What the ledger already holds under each eventId, one lookup per batch; ordered, so each
        // lane keeps its order into the shard-keyed stages.
        StreamStage<LedgerCandidate> candidates = passed(validated, "accepted")
                .mapUsingServiceAsyncBatched(PriorLookupStage.factory(sinks.priorLookup(), settings.crossShardSettleSeconds()),
                        PriorLookupStage.MAX_BATCH,
                        PriorLookupStage::candidates)
                .setName(STAGE_LOOKUP);

        StreamStage<StageOutcome<LedgerCandidate>> deduped = candidates
                .groupingKey(candidate -> Shards.pinningKey(candidate.key().shard()))
                .mapStateful(() -> new DedupeWindow(horizonMicros, maxIds), (window, shardKey, candidate) -> DedupeStage.apply(window, candidate))
                .setName(STAGE_DEDUPE);

        StreamStage<StageOutcome<LedgerEntry>> chained = passed(deduped, "new")
                .groupingKey(candidate -> Shards.pinningKey(candidate.key().shard()))
                .mapStateful(ChainState::new, (state, shardKey, candidate) -> ChainStage.append(seed, state, candidate))
                .setName(STAGE_CHAIN);

        refused(validated, "validate-rejected")
                .merge(refused(deduped, "dedupe-conflicts"))
                .merge(refused(chained, "chain-conflicts"))
                .writeTo(sinks.rejected());

        StreamStage<LedgerEntry> committed = passed(chained, "chained")
                .map(entry -> {
                    Metrics.metric(StageMetrics.COMMIT_ENTRIES).increment();
                    Metrics.metric(StageMetrics.COMMIT_LATENCY_MICROS)
                            .increment(StageMetrics.microsSince(entry.event().isIngested() ? entry.event().ingestedAtMicros() : 0));
                    return entry;
                })
                .setName(STAGE_COMMIT);
        committed.writeTo(sinks.ledger());

        committed.map(entry -> new ShardHead(entry.shard(), entry.position() + 1, entry.hash()))
                .setName("head")
                .groupingKey(head -> AnchorProcessor.ANCHOR_KEY)
                .<io.certeus.core.model.Anchor>customTransform(STAGE_ANCHOR, () -> new AnchorProcessor(anchorIntervalMs, anchorLookup, seed.anchorState()))
                .setLocalParallelism(1)
                .writeTo(sinks.anchors());
        return pipeline;
    }

    /** The values a stage passed on. */
    @SuppressWarnings("unchecked")
    private static <T> StreamStage<T> passed(StreamStage<StageOutcome<T>> outcomes, String name) {
        return outcomes.filter(outcome -> outcome instanceof StageOutcome.Passed)
                .setName(name + "-filter")
                .map(outcome -> ((StageOutcome.Passed<T>) outcome).value())
                .setName(name);
    }

    /** The records of what a stage refused. */
    @SuppressWarnings("unchecked")
    private static <T> StreamStage<Map.Entry<UUID, RejectedEvent>> refused(StreamStage<StageOutcome<T>> outcomes, String name) {
        return outcomes.filter(outcome -> outcome instanceof StageOutcome.Refused)
                .setName(name + "-filter")
                .map(outcome -> ((StageOutcome.Refused<T>) outcome).entry())
                .setName(name);
    }
}
