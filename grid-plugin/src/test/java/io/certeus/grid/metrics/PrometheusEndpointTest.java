package io.certeus.grid.metrics;

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
    void servesMetersOfTheGlobalRegistryUnderTheNamesTheAlertRulesUse() throws Exception {
        int port = freePort();
        PrometheusEndpoint.start(port);
        if (PrometheusEndpoint.registry() == null) {
            throw new AssertionError("endpoint did not start on a free port: port=" + port);
        }
        Counter forks = Counter.builder("certeus.pg.forks").tag("map", "certeus-ledger").tag("member", "m1")
                .register(Metrics.globalRegistry);
        forks.increment();

        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();

        assertThat(body).contains("certeus_pg_forks_total{map=\"certeus-ledger\",member=\"m1\"} 1.0");
    }
}
