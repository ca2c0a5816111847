package io.certeus.member.internal.counters;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceImpl;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.metrics.DynamicMetricsProvider;
import com.hazelcast.internal.metrics.MetricDescriptor;
import com.hazelcast.internal.metrics.MetricsRegistry;
import com.hazelcast.internal.metrics.collectors.MetricsCollector;
import com.hazelcast.jet.core.metrics.MetricTags;
import com.hazelcast.jet.impl.JetServiceBackend;
import com.hazelcast.spi.impl.NodeEngine;
import io.certeus.core.metrics.StageMetrics;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Totals of the ledger job's stage counters (Jet user metrics) over this member's processors,
 * collected from this member's own Jet metrics, with no call to other members. A Jet counter starts
 * at 0 with every job execution; these totals add each execution's growth, so they only rise while
 * the member runs (what a restarted execution had counted between the last sample and its end is
 * not seen).
 *
 * <p>Not thread-safe: one sampler thread calls {@link #sample}; {@link #METRICS} is immutable.
 */
public final class JetStageTotals {
    /** The Jet metric (published by the ledger job's stages) behind each total. */
    public static final Map<String, CerteusCounter> METRICS = Map.of(
            StageMetrics.INGEST_EVENTS, CerteusCounter.EVENTS_APPENDED,
            StageMetrics.CHAIN_ENTRIES, CerteusCounter.EVENTS_CHAINED,
            StageMetrics.COMMIT_ENTRIES, CerteusCounter.ENTRIES_COMMITTED,
            StageMetrics.VALIDATE_REJECTED, CerteusCounter.EVENTS_REJECTED,
            StageMetrics.INGEST_LOST_EVENT_GAPS, CerteusCounter.INGEST_LOST_GAPS);

    private final MetricsRegistry registry;
    private final Set<DynamicMetricsProvider> jobMetrics;
    private final Map<CerteusCounter, Long> totals = new EnumMap<>(CerteusCounter.class);
    /** Per counter, per job execution id: the sum over processors at the last sample. */
    private Map<CerteusCounter, Map<String, Long>> lastByExecution = new EnumMap<>(CerteusCounter.class);

    private JetStageTotals(MetricsRegistry registry, DynamicMetricsProvider jobMetrics) {
        this.registry = registry;
        this.jobMetrics = Set.of(jobMetrics);
        for (CerteusCounter counter : METRICS.values()) {
            totals.put(counter, 0L);
        }
    }

    static JetStageTotals of(HazelcastInstance member) {
        NodeEngine nodeEngine = nodeEngine(member);
        JetServiceBackend jet = nodeEngine.getService(JetServiceBackend.SERVICE_NAME);
        return new JetStageTotals(nodeEngine.getMetricsRegistry(), jet.getJobExecutionService());
    }

    /** Collects the processors' counters now and adds their growth since the last sample to the totals. */
    void sample() {
        Map<CerteusCounter, Map<String, Long>> current = new EnumMap<>(CerteusCounter.class);
        registry.collectDynamicMetrics(new MetricsCollector() {
            @Override
            public void collectLong(MetricDescriptor descriptor, long value) {
                CerteusCounter counter = METRICS.get(descriptor.metric());
                if (counter != null) {
                    String execution = String.valueOf(descriptor.tagValue(MetricTags.EXECUTION));
                    current.computeIfAbsent(counter, c -> new HashMap<>()).merge(execution, value, Long::sum);
                }
            }

            @Override
            public void collectDouble(MetricDescriptor descriptor, double value) {
                collectLong(descriptor, (long) value);
            }

            @Override
            public void collectException(MetricDescriptor descriptor, Exception e) {
            }

            @Override
            public void collectNoValue(MetricDescriptor descriptor) {
            }
        }, jobMetrics);
        for (Map.Entry<CerteusCounter, Map<String, Long>> byExecution : current.entrySet()) {
            Map<String, Long> last = lastByExecution.getOrDefault(byExecution.getKey(), Map.of());
            long growth = 0;
            for (Map.Entry<String, Long> execution : byExecution.getValue().entrySet()) {
                long before = last.getOrDefault(execution.getKey(), 0L);
                // A processor of this execution that went away can lower the sum; never count backwards.
                growth += Math.max(0, execution.getValue() - before);
            }
            totals.merge(byExecution.getKey(), growth, Long::sum);
        }
        lastByExecution = current;
    }

    long total(CerteusCounter counter) {
        return totals.getOrDefault(counter, 0L);
    }

    private static NodeEngine nodeEngine(HazelcastInstance member) {
        HazelcastInstance original = member instanceof HazelcastInstanceProxy
                ? ((HazelcastInstanceProxy) member).getOriginal() : member;
        if (!(original instanceof HazelcastInstanceImpl)) {
            throw new IllegalStateException("stage totals need a member instance: type=" + member.getClass().getName());
        }
        return ((HazelcastInstanceImpl) original).node.getNodeEngine();
    }
}
