package io.certeus.member.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PrometheusEndpointTest {

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void servesItsMembersMetersUnderTheNamesTheAlertRulesUseAndNotAnotherMembers() throws Exception {
        int port = freePort();
        try (PrometheusEndpoint first = PrometheusEndpoint.start("m1", "127.0.0.1", port);
             PrometheusEndpoint second = PrometheusEndpoint.start("m2", "127.0.0.1", port)) {
            assertThat(first).as("endpoint on a free port").isNotNull();
            assertThat(second).as("a second member of the JVM takes the next free port").isNotNull();
            assertThat(second.port()).isGreaterThan(first.port());
            Counter.builder("certeus.pg.forks").tag("map", "certeus-ledger").tag("member", "m1")
                    .register(Metrics.globalRegistry).increment();
            Counter.builder("certeus.pg.forks").tag("map", "certeus-ledger").tag("member", "m2")
                    .register(Metrics.globalRegistry).increment(2);

            String firstBody = scrape(first.port());
            String secondBody = scrape(second.port());

            assertThat(firstBody).contains("certeus_pg_forks_total{map=\"certeus-ledger\",member=\"m1\"} 1.0")
                    .doesNotContain("member=\"m2\"");
            assertThat(secondBody).contains("certeus_pg_forks_total{map=\"certeus-ledger\",member=\"m2\"} 2.0")
                    .doesNotContain("member=\"m1\"");
            assertThat(firstBody).as("the process meters the CPU and heap alerts read").contains("process_cpu_usage ")
                    .contains("jvm_memory_used_bytes{area=\"heap\"").contains("jvm_memory_max_bytes{area=\"heap\"");
        }
    }

    private static String scrape(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
