package io.certeus.member.internal.metrics;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.core.metrics.JobMetrics;
import com.hazelcast.jet.core.metrics.Measurement;
import com.hazelcast.jet.core.metrics.MetricNames;
import com.hazelcast.jet.core.metrics.MetricTags;
import io.certeus.core.MapNames;
import io.certeus.core.metrics.StageMetrics;
import io.certeus.core.validation.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Re-exports the ledger job's Jet metrics ({@value MapNames#LEDGER_JOB}, read with
 * {@link Job#getMetrics()}) as Micrometer meters of this member: per stage, the items its vertex
 * received and emitted (Jet's {@code receivedCount}/{@code emittedCount}) and, for ingest and commit,
 * the time since the ingest stamp; the CERTEUS user counters ({@code certeus_ingest_lost_event_gaps},
 * dedupe drops, rejects by reason, ...) under their own names with {@code _total}. Only this member's
 * measurements are counted (Jet tags each with its member), so the grid's total is the sum over members.
 *
 * <p>Jet's counters restart at 0 with every job execution (each restart after a membership change);
 * the meters here add what each poll grew by within an execution, so they only ever rise and keep
 * their labels (no execution id). A replay after a restart is counted again: these are work rates,
 * not event counts of the ledger.
 *
 * <p>Thread-safe: {@link #poll} runs on one poller thread; meters read volatile or atomic values.
 */
final class LedgerJobMeters {
    /** The ledger job's stages, as named in {@code LedgerPipeline}; Prometheus label {@code stage}. */
    static final List<String> STAGES = List.of("ingest", "validate", "lookup", "dedupe", "chain", "commit", "anchor");

    /** The job's user counters, each exported as {@code <name>_total} and registered at zero so a first increase alerts. */
    static final Map<String, String> USER_COUNTERS = userCounters();

    private final HazelcastInstance member;
    private final String memberName;
    private final MeterRegistry registry;
    private final long rateWindowNs;
    private final List<Meter> meters = new ArrayList<>();
    private final Map<String, Counter> userCounters = new HashMap<>();
    private final Map<String, Counter> received = new HashMap<>();
    private final Map<String, Counter> emitted = new HashMap<>();
    private final Map<RejectReason, Counter> rejected = new LinkedHashMap<>();
    private final Map<String, AtomicLong> latencyCount = new HashMap<>();
    private final Map<String, AtomicLong> latencyMicros = new HashMap<>();
    private final Deltas localDeltas = new Deltas();
    private final Deltas gridDeltas = new Deltas();
    private final Deque<long[]> gridIngestSamples = new ArrayDeque<>();
    private long gridIngestEvents;

    private volatile JobStatus status;
    private volatile long anchorSequence = -1;
    private volatile double gridIngestRate;

    LedgerJobMeters(HazelcastInstance member, MeterRegistry registry, long rateWindowMs) {
        this.member = member;
        this.memberName = member.getName();
        this.registry = registry;
        this.rateWindowNs = TimeUnit.MILLISECONDS.toNanos(rateWindowMs);
        meters.add(Gauge.builder("certeus.pipeline.job.running", this, m -> m.status == JobStatus.RUNNING ? 1 : 0)
                .tag("member", memberName)
                .description("1 when the ledger job (" + MapNames.LEDGER_JOB + ") is RUNNING as this member sees it, else 0")
                .strongReference(true)
                .register(registry));
        meters.add(Gauge.builder("certeus.pipeline.anchor.sequence", this, m -> m.anchorSequence)
                .tag("member", memberName)
                .description("sequence of the newest anchor the ledger job emitted or adopted (any member); -1 before the first")
                .strongReference(true)
                .register(registry));
        for (String stage : STAGES) {
            received.put(stage, Counter.builder("certeus.pipeline.stage.received").tag("member", memberName).tag("stage", stage)
                    .description("items the stage's Jet vertex received on this member (Jet receivedCount)")
                    .register(registry));
            emitted.put(stage, Counter.builder("certeus.pipeline.stage.emitted").tag("member", memberName).tag("stage", stage)
                    .description("items the stage's Jet vertex emitted on this member (Jet emittedCount, "
                            + "snapshots excluded)")
                    .register(registry));
            meters.add(received.get(stage));
            meters.add(emitted.get(stage));
        }
        for (String stage : List.of("ingest", "commit")) {
            AtomicLong count = new AtomicLong();
            AtomicLong micros = new AtomicLong();
            latencyCount.put(stage, count);
            latencyMicros.put(stage, micros);
            meters.add(FunctionTimer.builder("certeus.pipeline.stage.latency", micros, m -> count.get(), AtomicLong::get,
                            TimeUnit.MICROSECONDS)
                    .tag("member", memberName).tag("stage", stage)
                    .description("time from an event's ingest stamp until the stage processed it, on this member "
                            + "(sum and count: mean = rate(sum) / rate(count))")
                    .register(registry));
        }
        USER_COUNTERS.forEach((jetName, description) -> {
            Counter counter = Counter.builder(jetName.replace('_', '.')).tag("member", memberName).description(description)
                    .register(registry);
            userCounters.put(jetName, counter);
            meters.add(counter);
        });
        for (RejectReason reason : RejectReason.values()) {
            Counter counter = Counter.builder("certeus.pipeline.rejected").tag("member", memberName).tag("reason", reason.name())
                    .description("events the ledger job refused, by reason, on this member (records in certeus-rejected)")
                    .register(registry);
            rejected.put(reason, counter);
            meters.add(counter);
        }
    }

    private static Map<String, String> userCounters() {
        Map<String, String> counters = new LinkedHashMap<>();
        counters.put(StageMetrics.INGEST_BATCHES, "ingest batches the ledger job read from the journal on this member");
        counters.put(StageMetrics.INGEST_EVENTS, "events the ingest stage unpacked from batches on this member");
        counters.put(StageMetrics.INGEST_LOST_EVENT_GAPS, "journal entries that followed a gap: events overwritten before the "
                + "ledger job read them (any increase is an incident)");
        counters.put(StageMetrics.INGEST_FOREIGN_ENTRIES, "ingest entries that were not CERTEUS batches of their lane (FOREIGN_ENTRY)");
        counters.put(StageMetrics.VALIDATE_ACCEPTED, "events the validate stage accepted on this member");
        counters.put(StageMetrics.VALIDATE_REJECTED, "events the validate stage rejected on this member");
        counters.put(StageMetrics.LOOKUP_FAILURES, "ledger lookups by eventId that failed and were retried");
        counters.put(StageMetrics.DEDUPE_PASSED, "events the dedupe window let through");
        counters.put(StageMetrics.DEDUPE_DROPPED, "repeated eventIds the dedupe window dropped");
        counters.put(StageMetrics.IDEMPOTENCY_CONFLICTS, "resends refused: their eventId is in the ledger with other content or case");
        counters.put(StageMetrics.CHAIN_ENTRIES, "entries the chain stage appended to shard chains on this member");
        counters.put(StageMetrics.CHAIN_LEDGER_REPEATS, "events dropped because the ledger already held them below the head");
        counters.put(StageMetrics.COMMIT_ENTRIES, "ledger entries the commit stage wrote to the ledger map on this member");
        counters.put(StageMetrics.ANCHOR_EMITTED, "anchors the anchor stage emitted");
        counters.put(StageMetrics.ANCHOR_ADOPTED, "anchors adopted from an earlier run instead of re-emitted");
        return Map.copyOf(counters);
    }

    /** Reads the job's status and metrics once; slow (operations to the master and every member). */
    void poll() {
        Job job = member.getJet().getJob(MapNames.LEDGER_JOB);
        JobStatus seen = job == null ? null : job.getStatus();
        status = seen;
        if (seen != JobStatus.RUNNING) {
            return; // a completed job's metrics are final; counting resumes with the next execution
        }
        JobMetrics metrics = job.getMetrics();
        String uuid = member.getCluster().getLocalMember().getUuid().toString();
        String address = member.getCluster().getLocalMember().getAddress().toString();
        Map<String, long[]> local = new HashMap<>();
        Map<String, String> executions = new HashMap<>();
        long gridIngest = 0;
        long newestAnchor = -1;
        for (Map.Entry<String, List<Measurement>> family : metrics) {
            String name = family.getKey();
            for (Measurement m : family.getValue()) {
                if (StageMetrics.INGEST_EVENTS.equals(name)) {
                    gridIngest += m.value();
                    executions.putIfAbsent("grid", m.tag(MetricTags.EXECUTION));
                }
                if (StageMetrics.ANCHOR_SEQUENCE.equals(name)) {
                    newestAnchor = Math.max(newestAnchor, m.value());
                }
                if (!uuid.equals(m.tag(MetricTags.MEMBER)) && !address.equals(m.tag(MetricTags.ADDRESS))) {
                    continue;
                }
                String key = localKey(name, m);
                if (key != null) {
                    local.computeIfAbsent(key, k -> new long[1])[0] += m.value();
                    executions.putIfAbsent(key, m.tag(MetricTags.EXECUTION));
                }
            }
        }
        if (newestAnchor >= 0) {
            anchorSequence = newestAnchor;
        }
        local.forEach((key, total) -> record(key, localDeltas.delta(key, total[0], executions.get(key))));
        long now = System.nanoTime();
        gridIngestEvents += gridDeltas.delta(StageMetrics.INGEST_EVENTS, gridIngest, executions.get("grid"));
        updateRate(now);
    }

    /** The counter key a measurement adds to, or {@code null} when it is not exported. */
    private static String localKey(String name, Measurement m) {
        if (MetricNames.RECEIVED_COUNT.equals(name) || MetricNames.EMITTED_COUNT.equals(name)) {
            String stage = stageOf(m.tag(MetricTags.VERTEX));
            if (stage == null || "snapshot".equals(m.tag(MetricTags.ORDINAL))) {
                return null;
            }
            return name + '|' + stage;
        }
        return name.startsWith("certeus_") ? name : null;
    }

    private void record(String key, long delta) {
        if (delta <= 0) {
            return;
        }
        int bar = key.indexOf('|');
        if (bar > 0) {
            Map<String, Counter> byStage = key.startsWith(MetricNames.RECEIVED_COUNT) ? received : emitted;
            byStage.get(key.substring(bar + 1)).increment(delta);
            return;
        }
        Counter counter = userCounters.get(key);
        if (counter != null) {
            counter.increment(delta);
        }
        switch (key) {
            case StageMetrics.INGEST_EVENTS -> latencyCount.get("ingest").addAndGet(delta);
            case StageMetrics.COMMIT_ENTRIES -> latencyCount.get("commit").addAndGet(delta);
            case StageMetrics.INGEST_LATENCY_MICROS -> latencyMicros.get("ingest").addAndGet(delta);
            case StageMetrics.COMMIT_LATENCY_MICROS -> latencyMicros.get("commit").addAndGet(delta);
            case StageMetrics.INGEST_FOREIGN_ENTRIES -> rejected.get(RejectReason.FOREIGN_ENTRY).increment(delta);
            case StageMetrics.IDEMPOTENCY_CONFLICTS -> rejected.get(RejectReason.EVENT_ID_CONFLICT).increment(delta);
            default -> {
                if (key.startsWith(StageMetrics.VALIDATE_REJECTED_REASON_PREFIX)) {
                    RejectReason reason = reasonOf(key.substring(StageMetrics.VALIDATE_REJECTED_REASON_PREFIX.length()));
                    if (reason != null) {
                        rejected.get(reason).increment(delta);
                    }
                }
            }
        }
    }

    private static RejectReason reasonOf(String lowerCase) {
        try {
            return RejectReason.valueOf(lowerCase.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /**
     * The stage a Jet vertex implements: its name, or the last of a fused vertex's names
     * ({@code fused(chained-filter, chained, commit)} is commit); {@code null} for helper vertices.
     */
    static String stageOf(String vertex) {
        if (vertex == null) {
            return null;
        }
        String last = vertex;
        if (vertex.startsWith("fused(") && vertex.endsWith(")")) {
            String inner = vertex.substring("fused(".length(), vertex.length() - 1);
            last = inner.substring(inner.lastIndexOf(',') + 1).trim();
        }
        return STAGES.contains(last) ? last : null;
    }

    private void updateRate(long nowNs) {
        gridIngestSamples.addLast(new long[] {nowNs, gridIngestEvents});
        while (gridIngestSamples.size() > 2 && nowNs - gridIngestSamples.peekFirst()[0] > rateWindowNs) {
            gridIngestSamples.removeFirst();
        }
        long[] oldest = gridIngestSamples.peekFirst();
        double seconds = (nowNs - oldest[0]) / 1e9;
        gridIngestRate = seconds <= 0 ? 0 : (gridIngestEvents - oldest[1]) / seconds;
    }

    /** The job's status at the last poll; {@code null} when there is no such job. */
    JobStatus status() {
        return status;
    }

    /** The newest anchor sequence any member reported; -1 before the first. */
    long anchorSequence() {
        return anchorSequence;
    }

    /** Events per second the whole grid's ingest stage unpacked, over the rate window. */
    double gridIngestRate() {
        return gridIngestRate;
    }

    void close() {
        meters.forEach(registry::remove);
    }

    /**
     * Growth of per-execution Jet counters between polls: the value itself when the execution changed
     * or the value fell (a new execution counts from 0).
     */
    static final class Deltas {
        private final Map<String, long[]> last = new HashMap<>();
        private final Map<String, String> executionOf = new HashMap<>();

        long delta(String key, long value, String execution) {
            long[] previous = last.computeIfAbsent(key, k -> new long[] {0});
            String previousExecution = executionOf.put(key, execution);
            boolean restarted = previousExecution != null && !previousExecution.equals(execution);
            long delta = restarted || value < previous[0] ? value : value - previous[0];
            previous[0] = value;
            return delta;
        }
    }
}
