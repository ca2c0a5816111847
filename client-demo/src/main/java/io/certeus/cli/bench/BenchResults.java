package io.certeus.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one run measured, and its JSON form ({@code e2e.json}). Rates are per second,
 * latencies milliseconds from the intended send time; a figure that could not be measured is
 * {@code null} in JSON.
 *
 * <p>Not thread-safe: filled by the command after the run.
 */
public final class BenchResults {
    public int members;
    public long events;
    public long acked;
    public long failedAppends;
    public long refusals;
    public String mode;
    public String stopReason;
    public double loadSeconds;
    public double e2eSeconds;
    public double e2eEventsPerS = Double.NaN;
    public double ackedEventsPerS = Double.NaN;
    public double firstDecileEventsPerS = Double.NaN;
    public double lastDecileEventsPerS = Double.NaN;
    public double putAllCeilingPerS = Double.NaN;
    public double copyCeilingRowsPerS = Double.NaN;
    public int ceilingValueBytes;
    public String ceilingsOrder;
    public Long maxSustainableEventsPerS;
    public boolean maxSustainableIsLowerBound;
    public Histogram ack;
    public Histogram chained;
    public Histogram durable;
    /** Sampled events: intended send to the client's POSTGRES acknowledgement (awaitDurable). */
    public Histogram postgresAck;
    public long postgresAckFailed;
    public long chainedSamples;
    public long chainedSamplesSkipped;
    public long chainedSamplesFailed;
    public long durableSamples;
    public long lost = -1;
    public long duplicated = -1;
    public long forks = -1;
    public boolean verified;
    public String verification;
    public List<StepOutcome> steps = new ArrayList<>();
    public BenchSettings settings;

    /** The highest passed step before the first failed one; {@code null} when none passed. */
    public static Long maxSustainable(List<StepOutcome> steps) {
        Long best = null;
        for (StepOutcome step : steps) {
            if (!step.passed()) {
                break;
            }
            best = best == null ? step.ratePerS : Math.max(best, step.ratePerS);
        }
        return best;
    }

    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        json.put("members", members);
        json.put("events", events);
        json.put("acked", acked);
        json.put("failed_appends", failedAppends);
        json.put("refusals", refusals);
        json.put("mode", mode);
        json.put("stop_reason", stopReason);
        json.put("load_seconds", loadSeconds);
        json.put("e2e_seconds", e2eSeconds);
        number(json, "e2e_events_per_s", e2eEventsPerS);
        number(json, "acked_events_per_s", ackedEventsPerS);
        number(json, "first_decile_events_per_s", firstDecileEventsPerS);
        number(json, "last_decile_events_per_s", lastDecileEventsPerS);
        number(json, "putall_ceiling_per_s", putAllCeilingPerS);
        number(json, "copy_ceiling_rows_per_s", copyCeilingRowsPerS);
        json.put("ceiling_value_bytes", ceilingValueBytes);
        json.put("ceilings", ceilingsOrder);
        if (maxSustainableEventsPerS == null) {
            json.putNull("max_sustainable_events_per_s");
        } else {
            json.put("max_sustainable_events_per_s", maxSustainableEventsPerS);
        }
        json.put("max_sustainable_is_lower_bound", maxSustainableIsLowerBound);
        latency(json, "ack", ack);
        latency(json, "chained", chained);
        latency(json, "durable", durable);
        latency(json, "postgres_ack", postgresAck);
        json.put("postgres_ack_failed", postgresAckFailed);
        json.put("chained_samples", chainedSamples);
        json.put("chained_samples_skipped", chainedSamplesSkipped);
        json.put("chained_samples_failed", chainedSamplesFailed);
        json.put("durable_samples", durableSamples);
        json.put("lost", lost);
        json.put("duplicated", duplicated);
        json.put("forks", forks);
        json.put("verified", verified);
        json.put("verification", verification);
        ArrayNode stepArray = json.putArray("steps");
        for (StepOutcome step : steps) {
            ObjectNode s = stepArray.addObject();
            s.put("step", step.step);
            s.put("rate_per_s", step.ratePerS);
            s.put("sent", step.sent);
            s.put("refusals", step.refusals);
            number(s, "ack_p99_ms", step.ackP99Ms);
            s.put("unanswered_at_judgment", step.unansweredAtJudgment);
            number(s, "judged_at_s", step.judgedAtS);
            s.put("backlog_at_mid", step.backlogAtMid);
            s.put("backlog_at_end", step.backlogAtEnd);
            s.put("passed", step.passed());
            if (step.failure != null) {
                s.put("failure", step.failure);
            }
        }
        if (settings != null) {
            json.set("settings", settings(mapper));
        }
        json.set("machine", machine(mapper));
        return json;
    }

    private ObjectNode settings(ObjectMapper mapper) {
        ObjectNode s = mapper.createObjectNode();
        s.put("schema", settings.schema);
        s.put("step_mode", settings.stepMode);
        s.put("rate_per_s", settings.ratePerS);
        s.put("start_rate_per_s", settings.startRatePerS);
        s.put("rate_step_per_s", settings.rateStepPerS);
        s.put("step_seconds", settings.stepSeconds);
        if (settings.events == Long.MAX_VALUE) {
            s.putNull("events_limit");
        } else {
            s.put("events_limit", settings.events);
        }
        s.put("duration_ms", settings.durationMs);
        s.put("warmup_ms", settings.warmupMs);
        s.put("slo_ms", settings.sloMs);
        s.put("max_refusal_percent", settings.maxRefusalPercent);
        s.put("cases", settings.cases);
        s.put("seed", settings.seed);
        s.put("sample_every", settings.sampleEvery);
        s.put("max_outstanding_samples", settings.maxOutstandingSamples);
        s.put("durable_poll_ms", settings.durablePollMs);
        s.put("capacity_wait_ms", settings.capacityWaitMs);
        s.put("ceiling_entries", settings.ceilingEntries);
        s.put("ceiling_rows", settings.ceilingRows);
        s.put("putall_batch_entries", PutAllCeiling.BATCH_ENTRIES);
        s.put("putall_batches_in_flight", PutAllCeiling.BATCHES_IN_FLIGHT);
        s.put("drain_timeout_ms", settings.drainTimeoutMs);
        return s;
    }

    private static ObjectNode machine(ObjectMapper mapper) {
        ObjectNode m = mapper.createObjectNode();
        Runtime runtime = Runtime.getRuntime();
        m.put("cores", runtime.availableProcessors());
        m.put("max_heap_bytes", runtime.maxMemory());
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return m;
    }

    private static void latency(ObjectNode json, String kind, Histogram histogram) {
        Histogram h = histogram == null ? new Histogram(1) : histogram;
        number(json, kind + "_p50_ms", LatencyRecorder.percentileMs(h, 50));
        number(json, kind + "_p99_ms", LatencyRecorder.percentileMs(h, 99));
        number(json, kind + "_p999_ms", LatencyRecorder.percentileMs(h, 99.9));
        number(json, kind + "_max_ms", LatencyRecorder.maxMs(h));
        json.put(kind + "_count", h.getTotalCount());
    }

    private static void number(ObjectNode json, String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            json.putNull(field);
        } else {
            json.put(field, Math.round(value * 1000) / 1000.0);
        }
    }
}
