package io.certeus.pipeline.verify;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.function.ComparatorEx;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.Util;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.pipeline.BatchSource;
import com.hazelcast.jet.pipeline.BatchStage;
import com.hazelcast.jet.pipeline.JoinClause;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sink;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.Sources;
import com.hazelcast.map.IMap;
import com.hazelcast.projection.Projection;
import com.hazelcast.query.Predicates;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.grid.MapNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.hazelcast.jet.aggregate.AggregateOperations.aggregateOperation2;
import static com.hazelcast.jet.aggregate.AggregateOperations.sorting;
import static com.hazelcast.jet.aggregate.AggregateOperations.toList;

/**
 * A Jet batch job that verifies every chain and anchor held in the grid's ledger and anchor IMaps
 * with {@link LedgerVerifier}, shards in parallel across the cluster:
 *
 * <pre>
 *   ledger rows --groupingKey(shard)--> sort by position --hashJoin(all anchors)--> verify one shard
 *                                                                                       |
 *   anchors ------------------------------------------------------------------> combine (1 item) --> sink
 * </pre>
 *
 * <p>Each shard's rows are collected and sorted on the member that owns that shard's group, then
 * fed to {@link LedgerVerifier#forShard}; the anchors are checked once, in the combining step, which
 * also reports anchors that record heads of shards without any row. The single result carries the
 * rows checked (all shards), every shard's verified length and the first failure: an anchor failure
 * first, otherwise the failure of the lowest shard.
 *
 * <p>It sees what the maps hold in memory ({@code Sources.map} loads nothing through the MapStore):
 * on a grid that has evicted ledger entries, a shard whose early positions were evicted fails with
 * {@code position}; verify such a ledger with {@link GridLedgerVerification} or from PostgreSQL. On
 * a live grid the two maps are read at slightly different moments, so run it on a quiet ledger.
 *
 * <p>Thread-safe: stateless; each {@link #run} submits its own job under a unique name.
 */
public final class VerificationJob {
    /** Results of {@link #run}, keyed by job name; small and never evicted by the job itself. */
    public static final String RESULTS_MAP = "certeus-verification-results";
    /** Prefix of every verification job's name; {@link #run} appends a random suffix. */
    public static final String JOB_NAME_PREFIX = "certeus-verification-";

    private static final Logger LOG = LoggerFactory.getLogger(VerificationJob.class);
    private static final Integer ALL = 0;

    private VerificationJob() {
    }

    /**
     * The verification pipeline over any sources of ledger rows and anchors; writes exactly one
     * {@link VerificationResult} to {@code sink}.
     */
    public static Pipeline build(BatchSource<LedgerEntry> ledger, BatchSource<Anchor> anchors,
                                 Sink<? super VerificationResult> sink) {
        Pipeline pipeline = Pipeline.create();
        BatchStage<Anchor> anchorRows = pipeline.readFrom(anchors).setName("read anchors");
        BatchStage<List<Anchor>> allAnchors = anchorRows.aggregate(toList()).setName("collect anchors");
        BatchStage<Map.Entry<Integer, VerificationResult>> shardResults = pipeline.readFrom(ledger).setName("read ledger")
                .groupingKey(LedgerEntry::shard)
                .aggregate(sorting(ComparatorEx.comparingLong(LedgerEntry::position))).setName("sort each shard by position")
                .hashJoin(allAnchors, JoinClause.onKeys(chain -> ALL, list -> ALL), VerificationJob::verifyShard)
                .setName("verify each shard");
        shardResults.aggregate2(anchorRows, aggregateOperation2(toList(), toList(), VerificationJob::combine))
                .setName("combine shard results and check anchors")
                .writeTo(sink);
        return pipeline;
    }

    /** The pipeline over the grid's ledger and anchor maps, writing {@code (jobName, result)} to {@link #RESULTS_MAP}. */
    public static Pipeline forGrid(String jobName) {
        Projection<Map.Entry<LedgerKey, LedgerEntry>, LedgerEntry> rowOnly = Map.Entry::getValue;
        Projection<Map.Entry<Long, Anchor>, Anchor> anchorOnly = Map.Entry::getValue;
        Sink<VerificationResult> results = Sinks.map(RESULTS_MAP, result -> jobName, result -> result);
        return build(Sources.map(MapNames.LEDGER, Predicates.alwaysTrue(), rowOnly),
                Sources.map(MapNames.ANCHORS, Predicates.alwaysTrue(), anchorOnly), results);
    }

    /** Submits the verification job, waits for it to complete and returns its result. */
    public static VerificationResult run(HazelcastInstance instance) {
        String jobName = JOB_NAME_PREFIX + UUID.randomUUID();
        Job job = instance.getJet().newJob(forGrid(jobName), new JobConfig().setName(jobName));
        LOG.info("certeus verification: job submitted: job={}, id={}", jobName, job.getIdString());
        job.join();
        IMap<String, VerificationResult> results = instance.getMap(RESULTS_MAP);
        VerificationResult result = results.get(jobName);
        if (result == null) {
            throw new IllegalStateException("verification job completed without a result: job=" + jobName
                    + ", resultsMap=" + RESULTS_MAP);
        }
        LOG.info("certeus verification: job={}, result={}", jobName, result);
        return result;
    }

    private static Map.Entry<Integer, VerificationResult> verifyShard(Map.Entry<Integer, List<LedgerEntry>> chain,
                                                                      List<Anchor> anchors) {
        LedgerVerifier verifier = LedgerVerifier.forShard(chain.getKey(), anchors == null ? Collections.emptyList() : anchors);
        for (LedgerEntry row : chain.getValue()) {
            if (!verifier.accept(row)) {
                break;
            }
        }
        return Util.entry(chain.getKey(), verifier.finish());
    }

    private static VerificationResult combine(List<Map.Entry<Integer, VerificationResult>> shardResults,
                                              List<Anchor> anchors) {
        VerificationResult anchorResult = new LedgerVerifier(anchors).anchorResult();
        long[] lengths = new long[Shards.SHARD_COUNT];
        long entries = 0;
        VerificationFailure first = null;
        int firstShard = Integer.MAX_VALUE;
        BitSet seen = new BitSet(Shards.SHARD_COUNT);
        for (Map.Entry<Integer, VerificationResult> shardResult : shardResults) {
            int shard = shardResult.getKey();
            VerificationResult result = shardResult.getValue();
            seen.set(shard);
            lengths[shard] = result.shardLength(shard);
            entries += result.entriesChecked();
            if (!result.ok() && shard < firstShard) {
                first = result.failure();
                firstShard = shard;
            }
        }
        // Shards without any row: the anchors must not record a head for them.
        for (int shard = seen.nextClearBit(0); shard < Math.min(firstShard, Shards.SHARD_COUNT);
             shard = seen.nextClearBit(shard + 1)) {
            VerificationResult empty = LedgerVerifier.forShard(shard, anchors).finish();
            if (!empty.ok()) {
                first = empty.failure();
                break;
            }
        }
        VerificationFailure failure = anchorResult.ok() ? first : anchorResult.failure();
        return new VerificationResult(entries, anchorResult.anchorsChecked(), lengths, failure);
    }
}
