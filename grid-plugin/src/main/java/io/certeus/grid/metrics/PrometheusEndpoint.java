package io.certeus.grid.metrics;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves every CERTEUS Micrometer meter (PostgreSQL stores: forks, failures, dirty entries, pool;
 * anything registered on {@link Metrics#globalRegistry}) in Prometheus text format at
 * {@code http://<member>:<port>/metrics}. One endpoint per JVM, since the global registry is per
 * JVM; Hazelcast's own and the Jet job metrics stay on Hazelcast's JMX/Management Center path.
 *
 * <p>Thread-safe: {@link #start} is synchronized and idempotent; the HTTP server has its own thread.
 */
public final class PrometheusEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusEndpoint.class);

    private static HttpServer server;
    private static PrometheusMeterRegistry registry;

    private PrometheusEndpoint() {
    }

    /**
     * Starts the endpoint on {@code port} unless this JVM already serves one; {@code port} 0 disables
     * it. A port already in use is logged, never fatal: metrics must not stop a member.
     */
    public static synchronized void start(int port) {
        if (port == 0 || server != null) {
            return;
        }
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(port), 0);
            http.createContext("/metrics", exchange -> {
                byte[] body = prometheus.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            http.start();
            Metrics.globalRegistry.add(prometheus);
            registry = prometheus;
            server = http;
            LOG.info("certeus metrics: Prometheus endpoint on port={} path=/metrics", port);
        } catch (IOException e) {
            LOG.warn("certeus metrics: Prometheus endpoint not started, port in use?: port={}, error={}", port, e.toString());
        }
    }

    /** The registry behind the endpoint, or {@code null} when none runs in this JVM. */
    public static synchronized PrometheusMeterRegistry registry() {
        return registry;
    }
}
