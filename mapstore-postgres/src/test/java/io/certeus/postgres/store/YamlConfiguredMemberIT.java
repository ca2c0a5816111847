package io.certeus.postgres.store;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.certeus.core.MapNames;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.RejectedEvent;
import io.certeus.core.shard.LedgerKey;
import io.certeus.member.bootstrap.MemberConfigs;
import io.certeus.postgres.WriteBehindBacklog;
import io.certeus.testing.LedgerFixtures;
import io.certeus.testing.PostgresTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member started from the packaged {@code hazelcast.yaml}: the stores are found by class name and
 * read their settings from member properties (and the environment), as in production.
 */
@Timeout(120)
class YamlConfiguredMemberIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private HazelcastInstance member;

    @AfterEach
    void stop() {
        if (member != null) {
            member.getLifecycleService().terminate();
        }
    }

    @Test
    void packagedConfigPersistsLedgerAnchorsAndRejectedEvents() throws Exception {
        Config config = MemberConfigs.fromClasspath(new Properties());
        config.setClusterName("pg-yaml-" + UUID.randomUUID());
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(false);
        config.getNetworkConfig().setPort(5901).setPortAutoIncrement(true);
        config.getJetConfig().setEnabled(false);
        PG.settings().forEach((key, value) -> config.setProperty((String) key, (String) value));
        member = Hazelcast.newHazelcastInstance(config);

        Map<LedgerKey, LedgerEntry> entries = new LedgerFixtures(11).chains(10, 20, 10);
        IMap<LedgerKey, LedgerEntry> ledger = member.getMap(MapNames.LEDGER);
        ledger.putAll(entries);
        assertThat(WriteBehindBacklog.forLedger(member).localDirtyEntries()).isBetween(0L, (long) entries.size());
        Anchor anchor = new Anchor(0, 5, new byte[32], new byte[32], new byte[32], new long[] {0, 0}, new byte[64]); // no heads: storable at once
        member.<Long, Anchor>getMap(MapNames.ANCHORS).put(0L, anchor);
        UUID rejectedId = UUID.randomUUID();
        member.<UUID, RejectedEvent>getMap(MapNames.REJECTED).put(rejectedId, new RejectedEvent(
                new Event(rejectedId, "bad", "CASE_CREATED", "a", null, null, "[]".getBytes(StandardCharsets.UTF_8), 1, 2),
                "BAD_CASE_ID", "caseId must match", 3));

        ledger.flush();
        member.getMap(MapNames.ANCHORS).flush();
        member.getMap(MapNames.REJECTED).flush();

        assertThat(PG.queryLong("SELECT count(*) FROM ledger_entry")).isEqualTo(entries.size());
        assertThat(PG.queryLong("SELECT count(*) FROM anchor")).isEqualTo(1);
        assertThat(PG.queryLong("SELECT count(*) FROM rejected_event")).isEqualTo(1);
        assertThat(WriteBehindBacklog.forLedger(member).localDirtyEntries()).isZero();

        // Evicted entries read back through the store, byte-exact.
        LedgerKey key = new LedgerKey(10, 3);
        ledger.evict(key);
        assertThat(ledger.get(key)).isEqualTo(entries.get(key));
    }
}
