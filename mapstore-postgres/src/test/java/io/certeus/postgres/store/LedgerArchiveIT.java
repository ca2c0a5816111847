package io.certeus.postgres.store;

import com.hazelcast.client.test.TestHazelcastFactory;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.grid.MapNames;
import io.certeus.grid.bootstrap.MemberConfigs;
import io.certeus.postgres.testing.LedgerFixtures;
import io.certeus.postgres.testing.PostgresTestSupport;
import io.certeus.testing.TestGrids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A case's history from a client when the grid has evicted part of it: the owning member completes it from PostgreSQL. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LedgerArchiveIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private TestHazelcastFactory factory;

    @AfterEach
    void stop() {
        if (factory != null) {
            factory.terminateAll();
        }
    }

    @Test
    void historyReturnsEvictedEntriesFromPostgresInChainOrder() {
        Properties settings = PG.settings();
        Config config = MemberConfigs.fromClasspath(settings);
        String cluster = TestGrids.uniqueClusterName("archive");
        config.setClusterName(cluster);
        config.getJetConfig().setEnabled(false);
        settings.forEach((k, v) -> config.setProperty((String) k, (String) v));
        factory = new TestHazelcastFactory();
        HazelcastInstance member = factory.newHazelcastInstance(config);

        String caseId = "ARC-123456";
        int shard = Shards.shardOf(caseId);
        LedgerFixtures fixtures = new LedgerFixtures(5);
        List<LedgerEntry> chain = new ArrayList<>();
        byte[] prev = Hashes.ZERO_HASH;
        for (int position = 0; position < 6; position++) {
            Event event = fixtures.event(caseId, position);
            LedgerEntry entry = fixtures.entry(shard, position, prev, event);
            chain.add(entry);
            prev = entry.hash();
        }
        IMap<LedgerKey, LedgerEntry> ledger = member.getMap(MapNames.LEDGER);
        chain.forEach(e -> ledger.put(new LedgerKey(shard, e.position()), e));
        ledger.flush();
        for (int position = 0; position < 4; position++) {
            ledger.evict(new LedgerKey(shard, position)); // the grid keeps only the newest two
        }
        assertThat(ledger.getLocalMapStats().getOwnedEntryCount()).isEqualTo(2);

        try (CerteusClient certeus = CerteusClient.using(factory.newHazelcastClient(TestGrids.clientConfig(cluster)),
                ClientSettings.defaults())) {
            assertThat(certeus.history(caseId)).containsExactlyElementsOf(chain);
        }
    }
}
