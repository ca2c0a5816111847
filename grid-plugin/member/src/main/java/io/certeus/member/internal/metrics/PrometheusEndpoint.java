package io.certeus.member.internal.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * One member's CERTEUS Micrometer meters (PostgreSQL stores: forks, failures, dirty entries, pool;
 * cluster size; anything registered on {@link Metrics#globalRegistry}) and the JVM's CPU, memory and
 * thread meters (Micrometer's binders: {@code process_cpu_usage}, {@code jvm_memory_*}) in Prometheus text format at
 * {@code http://<member>:<port>/metrics}. Meters tagged with another member's name are left out,
 * so each member of a JVM that runs several serves its own; meters without a {@code member} tag
 * (JVM-wide) appear on each. The ledger job's stage metrics and the cluster's state are re-exported
 * by {@link MemberMeters}. The same server answers the health probes ({@link #serveHealth}):
 * {@code /health} (readiness: every {@link MemberHealth} check ok) and {@code /health/live}.
 *
 * <p>Thread-safe: immutable after {@link #start} and {@link #serveHealth}; the HTTP server has its own
 * thread, and every handler answers from values measured elsewhere.
 */
public final class PrometheusEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusEndpoint.class);
    /** Ports tried from the configured one, like Hazelcast's own port auto-increment: one per member of a JVM. */
    static final int PORT_COUNT = 100;

    private final HttpServer server;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;

    private PrometheusEndpoint(HttpServer server, PrometheusMeterRegistry registry, JvmGcMetrics gcMetrics) {
        this.server = server;
        this.registry = registry;
        this.gcMetrics = gcMetrics;
    }

    /**
     * Serves {@code memberName}'s meters on {@code host} (the member's own address: never every
     * interface) at the first free port from {@code port} on; {@code null} when {@code port} is 0
     * (disabled) or no port is free, which is logged, never fatal: metrics must not stop a member.
     */
    public static PrometheusEndpoint start(String memberName, String host, int port) {
        if (port == 0) {
            return null;
        }
        for (int candidate = port; candidate < port + PORT_COUNT && candidate <= 65_535; candidate++) {
            HttpServer http;
            try {
                http = HttpServer.create(new InetSocketAddress(host, candidate), 0);
            } catch (IOException inUse) {
                continue;
            }
            PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            prometheus.config().meterFilter(MeterFilter.deny(id -> isOtherMembers(id, memberName)));
            // The process's CPU and memory, for the CPU and heap alerts (config/prometheus/alerts.yml).
            new ProcessorMetrics().bindTo(prometheus);
            new JvmMemoryMetrics().bindTo(prometheus);
            new JvmThreadMetrics().bindTo(prometheus);
            new UptimeMetrics().bindTo(prometheus);
            JvmGcMetrics gc = new JvmGcMetrics();
            gc.bindTo(prometheus);
            http.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                    prometheus.scrape()));
            http.start();
            Metrics.globalRegistry.add(prometheus);
            LOG.info("certeus metrics: Prometheus endpoint: member={}, host={}, port={}, path=/metrics", memberName, host, candidate);
            return new PrometheusEndpoint(http, prometheus, gc);
        }
        LOG.warn("certeus metrics: Prometheus endpoint not started, no free port: member={}, ports={}..{}", memberName, port,
                port + PORT_COUNT - 1);
        return null;
    }

    /**
     * Adds {@code GET /health} (JSON of every check; 200 when all are ok, else 503) and
     * {@code GET /health/live} (200 while {@code alive} says so, else 503; never asks a check, so it
     * does not depend on PostgreSQL or the job).
     */
    public void serveHealth(MemberHealth health, BooleanSupplier alive) {
        server.createContext("/health/live", exchange -> {
            boolean up = alive.getAsBoolean();
            respond(exchange, up ? 200 : 503, "application/json", up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
        });
        server.createContext("/health", exchange -> {
            if (!"/health".equals(exchange.getRequestURI().getPath())) {
                respond(exchange, 404, "application/json", "{\"status\":\"NOT_FOUND\"}");
                return;
            }
            MemberHealth.Report report = health.evaluate();
            respond(exchange, report.healthy() ? 200 : 503, "application/json", report.toJson());
        });
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String text)
            throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static boolean isOtherMembers(Meter.Id id, String memberName) {
        String member = id.getTag("member");
        return member != null && !member.equals(memberName);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        server.stop(0);
        gcMetrics.close();
        Metrics.globalRegistry.remove(registry);
        registry.close();
    }
}
