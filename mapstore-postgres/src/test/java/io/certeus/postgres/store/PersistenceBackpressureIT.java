package io.certeus.postgres.store;

import com.hazelcast.client.test.TestHazelcastFactory;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.certeus.client.BackpressureException;
import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;
import io.certeus.client.EventBuilder;
import io.certeus.core.MapNames;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventType;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.member.bootstrap.MemberConfigs;
import io.certeus.postgres.PostgresSettings;
import io.certeus.testing.Await;
import io.certeus.testing.LedgerFixtures;
import io.certeus.testing.PostgresTestSupport;
import io.certeus.testing.TcpProxy;
import io.certeus.testing.TestGrids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 6: with PostgreSQL unreachable, ledger entries pile up as dirty write-behind entries
 * until the backlog limit; from then on appends are refused with a clear, retryable error, and
 * accepted again once the database is back and the backlog drained.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PersistenceBackpressureIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private static final int MAX_DIRTY = 200;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private TestHazelcastFactory factory;
    private TcpProxy proxy;

    @AfterEach
    void stop() throws Exception {
        if (factory != null) {
            factory.terminateAll();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void appendsAreRefusedWhileThePersistenceBacklogIsFullAndAcceptedAfterRecovery() throws Exception {
        String[] target = PG.hostPortAndUrlThrough("127.0.0.1", 0);
        proxy = new TcpProxy(target[0], Integer.parseInt(target[1]));
        Properties settings = PG.settings();
        settings.setProperty(PostgresSettings.URL, PG.hostPortAndUrlThrough("127.0.0.1", proxy.port())[2]);
        settings.setProperty(PostgresSettings.BACKLOG_MAX_DIRTY_ENTRIES, String.valueOf(MAX_DIRTY));
        settings.setProperty(PostgresSettings.CONNECTION_TIMEOUT_MS, "1000");
        settings.setProperty(PostgresSettings.RETRY_MAX_BACKOFF_MS, "300");
        String cluster = TestGrids.uniqueClusterName("pg-backpressure");
        Config config = MemberConfigs.fromClasspath(settings);
        config.setClusterName(cluster);
        settings.forEach((k, v) -> config.setProperty((String) k, (String) v));
        factory = new TestHazelcastFactory();
        HazelcastInstance member = factory.newHazelcastInstance(config);
        CerteusClient certeus = CerteusClient.using(factory.newHazelcastClient(TestGrids.clientConfig(cluster)),
                ClientSettings.defaults());

        certeus.append(event()).join(); // healthy: accepted
        proxy.cut();
        IMap<LedgerKey, LedgerEntry> ledger = member.getMap(MapNames.LEDGER);
        LedgerFixtures fixtures = new LedgerFixtures(3);
        Map<LedgerKey, LedgerEntry> entries = new HashMap<>(fixtures.chains(0, 10, 40)); // 400 entries, twice the limit
        ledger.putAll(entries);

        // The ledger keeps growing while the database is away, as under a running job: the store
        // worker holds the batch it took (those entries no longer count as dirty) and new entries
        // queue up behind it, which is what the sampled backlog check must see.
        AtomicInteger nextShard = new AtomicInteger(10);
        AtomicReference<Throwable> refusal = new AtomicReference<>();
        Await.until("appends refused while PostgreSQL is unreachable", WAIT, () -> {
            if (nextShard.get() + 5 <= 1000) {
                Map<LedgerKey, LedgerEntry> more = fixtures.chains(nextShard.getAndAdd(5), 5, 40);
                ledger.putAll(more);
                entries.putAll(more);
            }
            try {
                certeus.append(event()).join();
                return false;
            } catch (CompletionException e) {
                refusal.set(e.getCause());
                return e.getCause() instanceof BackpressureException;
            }
        }, () -> "last outcome=" + refusal.get());
        assertThat(refusal.get()).hasMessageContaining("persistence backlog full")
                .hasMessageContaining("maxDirtyEntries=" + MAX_DIRTY);
        assertThat(((BackpressureException) refusal.get()).isRetryable()).isTrue();

        proxy.restore();
        Await.until("appends accepted after recovery", WAIT, () -> {
            try {
                certeus.append(event()).join();
                return true;
            } catch (CompletionException e) {
                return false;
            }
        }, () -> "dirty=" + ledger.getLocalMapStats().getDirtyEntryCount());
        Await.until("backlog stored", WAIT, () -> PG.queryLong("SELECT count(*) FROM ledger_entry") == entries.size(),
                () -> "rows stored so far");
        certeus.close();
    }

    /** Each append goes to another case, so no shard reaches the ingest lag limit before the backlog limit. */
    private static Event event() {
        String caseId = String.format("PGB-%06d", java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000));
        return EventBuilder.event(caseId, EventType.CASE_UPDATED).actor("clerk").payload("{}").build();
    }
}
