package io.certeus.postgres.metrics;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.core.metrics.Metrics;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.test.TestSources;
import com.hazelcast.map.IMap;
import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;
import io.certeus.core.MapNames;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.member.MemberContext;
import io.certeus.member.bootstrap.MemberConfigs;
import io.certeus.member.internal.metrics.PrometheusEndpoint;
import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.store.LedgerMapStore;
import io.certeus.testing.Await;
import io.certeus.testing.LedgerFixtures;
import io.certeus.testing.PostgresTestSupport;
import io.certeus.testing.RepoFiles;
import io.certeus.testing.TcpProxy;
import io.certeus.testing.TestEvents;
import io.certeus.testing.TestGrids;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One member started from the packaged {@code hazelcast.yaml} (plugin, metrics endpoint, ingest gate)
 * with the ledger written behind to PostgreSQL through a {@link TcpProxy}: its Prometheus scrape under
 * load, and its health endpoint through a PostgreSQL outage (issue 14 items 1, 2 and 9).
 *
 * <p>This module has no ledger job on its classpath, so a stand-in job runs under the ledger job's name
 * ({@value MapNames#LEDGER_JOB}) with a stage named {@code ingest} that counts the job's user metrics
 * the way the real stages do; the member reads it exactly as it reads the real job. The stores' URL is
 * given to the MapStore itself ({@link PostgresSettings#fromPropertiesOnly}), so it wins over
 * {@code CERTEUS_PG_URL} and the proxy is in the path of both the stores and the health probe.
 */
@Timeout(240)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberObservabilityIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TcpProxy proxy;
    private HazelcastInstance member;
    private HazelcastInstance hazelcastClient;
    private CerteusClient certeus;
    private String base;

    @BeforeAll
    void startMember() throws Exception {
        String[] target = PG.hostPortAndUrlThrough("127.0.0.1", 0);
        proxy = new TcpProxy(target[0], Integer.parseInt(target[1]));
        Properties storeSettings = PG.settings();
        storeSettings.setProperty(PostgresSettings.URL, PG.hostPortAndUrlThrough("127.0.0.1", proxy.port())[2]);
        storeSettings.setProperty(PostgresSettings.POOL_SIZE, "2");
        storeSettings.setProperty(PostgresSettings.CONNECTION_TIMEOUT_MS, "1000");
        storeSettings.setProperty(PostgresSettings.SOCKET_TIMEOUT_SECONDS, "10");
        storeSettings.setProperty(PostgresSettings.RETRY_MAX_BACKOFF_MS, "300");

        Config config = MemberConfigs.fromClasspath(new Properties());
        String cluster = TestGrids.uniqueClusterName("observability");
        config.setClusterName(cluster);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(false);
        config.getNetworkConfig().setPort(5951).setPortAutoIncrement(true);
        config.setProperty("certeus.metrics.port", "19404");
        config.setProperty("certeus.pipeline.autostart", "false");
        storeSettings.forEach((key, value) -> config.setProperty((String) key, (String) value));
        // The ledger's store built here, with the proxy URL; anchors and rejected events are not written in this test.
        config.getMapConfig(MapNames.LEDGER).getMapStoreConfig()
                .setImplementation(new LedgerMapStore(PostgresSettings.fromPropertiesOnly(storeSettings)));
        config.getMapConfig(MapNames.ANCHORS).getMapStoreConfig().setEnabled(false);
        config.getMapConfig(MapNames.REJECTED).getMapStoreConfig().setEnabled(false);
        member = Hazelcast.newHazelcastInstance(config);

        PrometheusEndpoint endpoint = MemberContext.of(member).extensionIfPresent(PrometheusEndpoint.class);
        assertThat(endpoint).as("metrics endpoint started").isNotNull();
        base = "http://" + member.getCluster().getLocalMember().getAddress().getHost() + ":" + endpoint.port();
        startStandInJob();

        ClientConfig clientConfig = TestGrids.clientConfig(cluster);
        var address = member.getCluster().getLocalMember().getAddress();
        clientConfig.getNetworkConfig().setAddresses(List.of(address.getHost() + ":" + address.getPort()));
        hazelcastClient = com.hazelcast.client.HazelcastClient.newHazelcastClient(clientConfig);
        certeus = CerteusClient.using(hazelcastClient, ClientSettings.defaults());
    }

    /** Items through a stage named ingest, counted with the ledger job's user metric names. */
    private void startStandInJob() {
        Pipeline pipeline = Pipeline.create();
        pipeline.readFrom(TestSources.itemStream(200)).withoutTimestamps()
                .map(item -> {
                    Metrics.metric("certeus_ingest_events").increment();
                    Metrics.metric("certeus_ingest_latency_micros").increment(2_000);
                    if (item.sequence() % 50 == 0) {
                        Metrics.metric("certeus_validate_rejected_bad_case_id").increment();
                    }
                    return item.sequence();
                })
                .setName("ingest")
                .writeTo(Sinks.noop());
        Job job = member.getJet().newJob(pipeline, new JobConfig().setName(MapNames.LEDGER_JOB).setMetricsEnabled(true));
        try {
            Await.until("stand-in job running", WAIT, () -> job.getStatus() == JobStatus.RUNNING, () -> "status=" + job.getStatus());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (certeus != null) {
            certeus.close();
        }
        if (member != null) {
            member.getLifecycleService().terminate();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void scrapeUnderLoadMovesCountersAndHasEveryMetricTheDashboardAndRulesRead() throws Exception {
        Await.until("member healthy", WAIT, () -> get("/health").statusCode() == 200, () -> text("/health"));
        String first = get("/metrics").body();

        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            events.add(TestEvents.newUpdate(TestEvents.caseIdInLane(i % 32)));
        }
        certeus.appendAll(events).get(60, TimeUnit.SECONDS);
        IMap<LedgerKey, LedgerEntry> ledger = member.getMap(MapNames.LEDGER);
        Map<LedgerKey, LedgerEntry> entries = new LedgerFixtures(21).chains(100, 50, 60); // 3,000 entries, as the commit sink writes them
        ledger.putAll(entries);
        Await.until("ledger rows in PostgreSQL", WAIT, () -> PG.queryLong("SELECT count(*) FROM ledger_entry") >= entries.size());
        forceGc();
        Await.until("stage, store and lag meters moved", WAIT, () -> {
            String now = get("/metrics").body();
            return sample(now, "certeus_pipeline_stage_received_total", "stage=\"ingest\"") > sample(first,
                    "certeus_pipeline_stage_received_total", "stage=\"ingest\"")
                    && sample(now, "certeus_pg_rows_stored_total", "map=\"certeus-ledger\"") >= entries.size()
                    && sample(now, "certeus_ingest_lag_total_batches", "") > 0;
        }, () -> "scrape=" + grepCerteus(text("/metrics")));
        String second = get("/metrics").body();

        assertThat(sample(second, "certeus_ingest_events_total", "")).as("ingest events counter moved")
                .isGreaterThan(sample(first, "certeus_ingest_events_total", ""));
        assertThat(sample(second, "certeus_pipeline_rejected_total", "reason=\"BAD_CASE_ID\"")).as("rejects by reason").isPositive();
        assertThat(sample(second, "certeus_pipeline_stage_latency_seconds_count", "stage=\"ingest\"")).isPositive();
        assertThat(sample(second, "certeus_pg_dirty_entries", "map=\"certeus-ledger\"")).as("dirty entries after a GC (was NaN)")
                .isNotNaN().isGreaterThanOrEqualTo(0);
        assertThat(sample(second, "certeus_pipeline_job_running", "")).isEqualTo(1);
        assertThat(sample(second, "certeus_pg_up", "")).isEqualTo(1);
        assertThat(sample(second, "certeus_ingest_lag_limit_batches", "")).isEqualTo(400);
        assertThat(sample(second, "certeus_ingest_lag_max_batches", "")).isPositive();
        assertThat(sample(second, "certeus_cluster_majority", "")).isEqualTo(1);
        assertThat(sample(second, "certeus_scaling_recommended_members", "")).isGreaterThanOrEqualTo(1);
        assertThat(sample(second, "certeus_pg_store_failures_total", "kind=\"UNAVAILABLE\"")).as("registered at zero").isZero();
        assertThat(second).contains("# HELP certeus_ingest_lost_event_gaps_total");
        for (String line : second.split("\n")) {
            if (line.startsWith("certeus_")) {
                assertThat(line).as("every CERTEUS series carries the member").contains("member=\"" + member.getName() + "\"");
            }
        }

        Path scrape = Files.createTempFile("certeus-scrape", ".txt");
        Files.writeString(scrape, second, StandardCharsets.UTF_8);
        Process check = new ProcessBuilder("python3", RepoFiles.path("scripts", "check-dashboard-metrics").toString(),
                scrape.toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as("scripts/check-dashboard-metrics on the scrape:%n%s", output).isZero();
        Files.delete(scrape);
    }

    @Test
    void healthTurnsUnhealthyWhenPostgresIsUnreachableAndRecovers() throws Exception {
        Await.until("member healthy", WAIT, () -> get("/health").statusCode() == 200, () -> text("/health"));
        assertThat(get("/health").body()).contains("\"status\":\"UP\"", "\"postgres\":{\"status\":\"ok\"");
        try {
            proxy.cut();
            Await.until("unhealthy while PostgreSQL is unreachable", WAIT, () -> get("/health").statusCode() == 503,
                    () -> text("/health"));
            HttpResponse<String> down = get("/health");
            assertThat(down.body()).contains("\"status\":\"DOWN\"", "\"postgres\":{\"status\":\"fail\"", "PostgreSQL unreachable");
            assertThat(down.body()).as("only PostgreSQL fails").contains("\"ledger-job\":{\"status\":\"ok\"");
            assertThat(get("/health/live").statusCode()).as("liveness does not depend on PostgreSQL").isEqualTo(200);
            assertThat(sample(get("/metrics").body(), "certeus_pg_up", "")).isZero();
        } finally {
            proxy.restore();
        }
        Await.until("healthy again once PostgreSQL is back", WAIT, () -> get("/health").statusCode() == 200,
                () -> text("/health"));
        assertThat(sample(get("/metrics").body(), "certeus_pg_up", "")).isEqualTo(1);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The body at {@code path}, or the error: for failure messages. */
    private String text(String path) {
        try {
            return get(path).body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String grepCerteus(String scrape) {
        StringBuilder out = new StringBuilder();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("certeus_pipeline_stage_received") || line.startsWith("certeus_pg_rows_stored")
                    || line.startsWith("certeus_ingest_lag")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** The sum of the samples of {@code name} whose labels contain {@code labelPart}; NaN when one is NaN. */
    static double sample(String scrape, String name, String labelPart) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})?\\s+(\\S+)", Pattern.MULTILINE);
        Matcher matcher = line.matcher(scrape);
        double sum = 0;
        boolean found = false;
        while (matcher.find()) {
            String labels = matcher.group(1) == null ? "" : matcher.group(1);
            if (labels.contains(labelPart)) {
                sum += Double.parseDouble(matcher.group(2));
                found = true;
            }
        }
        assertThat(found).as("series %s{%s} in the scrape", name, labelPart).isTrue();
        return sum;
    }

    /** Runs collections until a weakly held object is gone, so weakly held gauge objects would be too. */
    private static void forceGc() throws InterruptedException {
        WeakReference<Object> canary = new WeakReference<>(new Object());
        Await.until("a garbage collection", Duration.ofSeconds(20), () -> {
            System.gc();
            return canary.get() == null;
        });
    }
}
