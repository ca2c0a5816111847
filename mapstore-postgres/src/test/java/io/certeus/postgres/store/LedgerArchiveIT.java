package io.certeus.postgres.store;

import com.hazelcast.client.test.TestHazelcastFactory;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;
import io.certeus.core.MapNames;
import io.certeus.core.archive.LedgerArchive;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.ShardHead;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.shard.Shards;
import io.certeus.member.bootstrap.MemberConfigs;
import io.certeus.postgres.PostgresSettings;
import io.certeus.testing.LedgerFixtures;
import io.certeus.testing.PostgresTestSupport;
import io.certeus.testing.TestChains;
import io.certeus.testing.TestGrids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A case's history from a client when the grid has evicted part of it: the owning member completes it
 * from PostgreSQL; and the archived shard heads and newest anchor that seed a fresh ledger job.
 */
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
    void historyAndReceiptsFindEvictedEntriesInPostgres() throws Exception {
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
        List<LedgerEntry> chain = TestChains.chain(shard, 6, position -> fixtures.event(caseId, position));
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
            // Receipts never expire with the grid's memory: an evicted entry's receipt comes from PostgreSQL.
            LedgerEntry evicted = chain.get(1);
            assertThat(ledger.getLocalMapStats().getOwnedEntryCount()).as("positions 0 to 3 only in PostgreSQL").isEqualTo(2);
            assertThat(certeus.receipt(evicted.event().eventId()).get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(io.certeus.core.model.Receipt.of(evicted));
        }
    }

    @Test
    void shardHeadsAndNewestAnchorAreTheHighestArchivedPositionAndSequence() {
        PostgresSettings settings = PostgresSettings.fromPropertiesOnly(PG.settings());
        LedgerMapStore ledgerStore = new LedgerMapStore(settings);
        AnchorMapStore anchorStore = new AnchorMapStore(settings);
        ledgerStore.start("archive-heads-it", MapNames.LEDGER);
        anchorStore.start("archive-heads-it", MapNames.ANCHORS);
        try {
            LedgerArchive archive = new PostgresLedgerArchive(ledgerStore.resources());
            int firstShard = 700;
            Map<LedgerKey, LedgerEntry> chains = new LedgerFixtures(11).chains(firstShard, 3, 4);
            ledgerStore.storeAll(chains);
            List<LedgerEntry> firstChain = chains.values().stream().filter(e -> e.shard() == firstShard).toList();
            Anchor previous = null;
            Map<Long, Anchor> anchors = new HashMap<>();
            for (long sequence = 0; sequence < 3; sequence++) {
                Anchor anchor = TestChains.anchorOver(sequence, LedgerFixtures.BASE_TIME_MICROS + sequence,
                        previous == null ? Hashes.ZERO_HASH : previous.anchorHash(),
                        List.of(TestChains.headAfter(firstChain, (int) sequence + 1)));
                anchors.put(sequence, anchor);
                previous = anchor;
            }
            anchorStore.storeAll(anchors);

            Map<Integer, ShardHead> byShard = new HashMap<>();
            archive.shardHeads().forEach(head -> byShard.put(head.shard(), head));
            for (int shard = firstShard; shard < firstShard + 3; shard++) {
                LedgerEntry last = chains.get(new LedgerKey(shard, 3));
                assertThat(byShard.get(shard)).as("head of shard %s", shard)
                        .isEqualTo(new ShardHead(shard, 4, last.hash()));
            }
            assertThat(byShard).as("no head for a shard without entries").doesNotContainKey(firstShard + 3);
            assertThat(archive.newestAnchor()).isEqualTo(previous);
        } finally {
            ledgerStore.destroy();
            anchorStore.destroy();
        }
    }

    @Test
    void entriesWithEventIdsFindsArchivedEntriesByEventIdOnly() {
        PostgresSettings settings = PostgresSettings.fromPropertiesOnly(PG.settings());
        LedgerMapStore ledgerStore = new LedgerMapStore(settings);
        ledgerStore.start("archive-ids-it", MapNames.LEDGER);
        try {
            LedgerArchive archive = new PostgresLedgerArchive(ledgerStore.resources());
            Map<LedgerKey, LedgerEntry> chains = new LedgerFixtures(23).chains(800, 2, 3);
            ledgerStore.storeAll(chains);
            LedgerEntry wanted = chains.get(new LedgerKey(801, 2));
            LedgerEntry alsoWanted = chains.get(new LedgerKey(800, 0));

            List<LedgerEntry> found = archive.entriesWithEventIds(
                    List.of(wanted.event().eventId(), alsoWanted.event().eventId(), java.util.UUID.randomUUID()));

            assertThat(found).containsExactlyInAnyOrder(wanted, alsoWanted);
            assertThat(archive.entriesWithEventIds(List.of())).isEmpty();
        } finally {
            ledgerStore.destroy();
        }
    }
}
