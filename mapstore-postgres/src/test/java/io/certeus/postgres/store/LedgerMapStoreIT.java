package io.certeus.postgres.store;

import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Event;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.LedgerKey;
import io.certeus.core.validation.EventLimits;
import io.certeus.postgres.PostgresSettings;
import io.certeus.postgres.table.LedgerRows;
import io.certeus.testing.LedgerFixtures;
import io.certeus.testing.PostgresTestSupport;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class LedgerMapStoreIT {
    private static final LedgerRows LEDGER_ROWS = new LedgerRows();
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static LedgerMapStore store;
    private final LedgerFixtures fixtures = new LedgerFixtures(42);

    @BeforeAll
    static void startStore() {
        Metrics.globalRegistry.add(METERS);
        Properties properties = PG.settings();
        properties.setProperty(PostgresSettings.POOL_SIZE, "2");
        properties.setProperty(PostgresSettings.PRELOAD, "true");
        store = new LedgerMapStore(PostgresSettings.fromPropertiesOnly(properties));
        store.start("ledger-it", "certeus-ledger");
    }

    @AfterAll
    static void stopStore() {
        store.destroy();
        Metrics.globalRegistry.remove(METERS);
    }

    @Test
    void storedEntriesLoadBackByteExactAndVerifyFromTheRowAlone() throws Exception {
        Map<LedgerKey, LedgerEntry> batch = fixtures.chains(0, 5, 40);
        store.storeAll(batch);

        for (Map.Entry<LedgerKey, LedgerEntry> expected : batch.entrySet()) {
            LedgerEntry loaded = store.load(expected.getKey());
            assertThat(loaded).as("entry %s", expected.getKey()).isEqualTo(expected.getValue());
            assertThat(fixtures.verifies(loaded)).as("hash of %s recomputes from the row", expected.getKey()).isTrue();
        }
        Map<LedgerKey, LedgerEntry> loadedAll = store.loadAll(new ArrayList<>(batch.keySet()));
        assertThat(loadedAll).isEqualTo(batch);
        assertThat(store.load(new LedgerKey(0, 999_999))).isNull();
    }

    @Test
    void repeatedBatchesLeaveExactlyOneRowPerKey() throws Exception {
        Map<LedgerKey, LedgerEntry> batch = fixtures.chains(100, 4, 50);
        double duplicatesBefore = store.metrics().rowsDuplicate.count();
        store.storeAll(batch);
        store.storeAll(batch);
        store.storeAll(batch);
        // A batch that mixes stored and new keys, as after a backup re-store.
        Map<LedgerKey, LedgerEntry> mixed = new LinkedHashMap<>(fixtures.chains(104, 1, 10));
        batch.entrySet().stream().limit(25).forEach(e -> mixed.put(e.getKey(), e.getValue()));
        store.storeAll(mixed);

        assertThat(PG.queryLong("SELECT count(*) FROM ledger_entry WHERE shard BETWEEN 100 AND 104")).isEqualTo(210);
        assertThat(PG.queryLong("SELECT count(*) FROM (SELECT shard, position FROM ledger_entry "
                + "GROUP BY shard, position HAVING count(*) > 1) d")).isZero();
        assertThat(PG.queryLong("SELECT count(*) FROM ledger_fork WHERE shard BETWEEN 100 AND 104")).isZero();
        assertThat(store.metrics().rowsDuplicate.count() - duplicatesBefore).isEqualTo(2 * 200 + 25);
    }

    @Test
    void aRepeatedKeyWithADifferentHashIsRecordedAsAForkAndNeverOverwrites() throws Exception {
        Map<LedgerKey, LedgerEntry> original = fixtures.chains(200, 1, 3);
        store.storeAll(original);
        LedgerKey key = new LedgerKey(200, 1);
        LedgerEntry stored = original.get(key);
        Event tampered = new Event(stored.event().eventId(), stored.event().caseId(), stored.event().type(), "mallory",
                stored.event().sourceIp(), stored.event().documentHash(), stored.event().payload(),
                stored.event().occurredAtMicros(), stored.event().ingestedAtMicros());
        LedgerEntry fork = fixtures.entry(200, 1, stored.prevHash(), tampered);
        double forksBefore = store.metrics().forks.count();

        Map<LedgerKey, LedgerEntry> replay = new HashMap<>();
        replay.put(key, fork);
        replay.put(new LedgerKey(200, 3), fixtures.entry(200, 3, original.get(new LedgerKey(200, 2)).hash(),
                fixtures.event("CAS-000200", 3)));
        store.storeAll(replay);
        store.storeAll(replay); // the same fork replayed is recorded once

        assertThat(store.load(key)).isEqualTo(stored);
        assertThat(store.load(new LedgerKey(200, 3))).isNotNull();
        assertThat(store.metrics().forks.count() - forksBefore).isEqualTo(1);
        try (Connection connection = PG.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT actor, hash, existing_hash FROM ledger_fork "
                     + "WHERE shard = 200 AND position = 1")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("mallory");
            assertThat(rows.getBytes(2)).isEqualTo(fork.hash());
            assertThat(rows.getBytes(3)).isEqualTo(stored.hash());
            assertThat(rows.next()).as("one fork row").isFalse();
        }
    }

    @Test
    void extremeButValidValuesAreStoredExactly() throws Exception {
        byte[] maxPayload = jsonOfSize(EventLimits.MAX_PAYLOAD_BYTES_CEILING);
        String unicodeActor = "Zoë 🧾 שלום ﷽ e\u0301 \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \uFFFD \uFEFF end";
        byte[] unicodePayload = ("{\"text\":\"" + unicodeActor + "\",\"escaped\":\"\\u0000 stays bytes\"}")
                .getBytes(StandardCharsets.UTF_8);
        Map<LedgerKey, LedgerEntry> batch = new LinkedHashMap<>();
        byte[] prev = Hashes.ZERO_HASH;
        Event[] events = {
            new Event(UUID.randomUUID(), "MAX-000001", "CASE_CREATED", "a".repeat(EventLimits.DEFAULT_MAX_ACTOR_BYTES),
                    "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", null, maxPayload,
                    EventLimits.MAX_OCCURRED_AT_MICROS, EventLimits.MAX_OCCURRED_AT_MICROS),
            new Event(UUID.randomUUID(), "MIN-000002", "ERROR_LOGGED", unicodeActor, null, new byte[32], unicodePayload,
                    EventLimits.MIN_OCCURRED_AT_MICROS, 1),
            new Event(new UUID(0, 0), "UUU-000003", "CASE_UPDATED", "x", "::1", null, "{}".getBytes(StandardCharsets.UTF_8),
                    -1, Long.MAX_VALUE / 1_000_000 * 1_000),
        };
        for (int i = 0; i < events.length; i++) {
            LedgerEntry entry = fixtures.entry(300, i, prev, events[i]);
            batch.put(new LedgerKey(300, i), entry);
            prev = entry.hash();
        }
        store.storeAll(batch);
        for (Map.Entry<LedgerKey, LedgerEntry> expected : batch.entrySet()) {
            LedgerEntry loaded = store.load(expected.getKey());
            assertThat(loaded).isEqualTo(expected.getValue());
            assertThat(Arrays.equals(loaded.event().payload(), expected.getValue().event().payload())).isTrue();
            assertThat(fixtures.verifies(loaded)).isTrue();
        }
    }

    @Test
    void valuesTextCannotHoldAreSetAsideWithAClearReasonWhileTheRestIsStored() throws Exception {
        Map<LedgerKey, LedgerEntry> batch = new LinkedHashMap<>(fixtures.chains(400, 1, 3));
        LedgerEntry good = batch.get(new LedgerKey(400, 2));
        Event nul = new Event(UUID.randomUUID(), "NUL-000001", "CASE_CREATED", "bad\u0000actor", null, null,
                "{}".getBytes(StandardCharsets.UTF_8), 5, 6);
        Event surrogate = new Event(UUID.randomUUID(), "SUR-000001", "CASE_CREATED", "half \uD800 pair", null, null,
                "{}".getBytes(StandardCharsets.UTF_8), 5, 6);
        batch.put(new LedgerKey(401, 0), fixtures.entry(401, 0, Hashes.ZERO_HASH, nul));
        batch.put(new LedgerKey(402, 0), fixtures.entry(402, 0, Hashes.ZERO_HASH, surrogate));
        batch.put(new LedgerKey(403, 7), fixtures.entry(403, 8, Hashes.ZERO_HASH, nul)); // key does not match entry
        double unstorableBefore = store.metrics().rowsUnstorable.count();

        store.storeAll(batch);

        assertThat(store.load(new LedgerKey(400, 2))).isEqualTo(good);
        assertThat(store.load(new LedgerKey(401, 0))).isNull();
        assertThat(store.metrics().rowsUnstorable.count() - unstorableBefore).isEqualTo(3);
        List<String> reasons = new ArrayList<>();
        try (Connection connection = PG.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT row_key || ' ' || reason FROM unstorable_row "
                     + "WHERE table_name = 'ledger_entry' ORDER BY id")) {
            while (rows.next()) {
                reasons.add(rows.getString(1));
            }
        }
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("shard=401, position=0")
                .contains("column=actor").contains("NUL character"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("shard=402").contains("unpaired"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("key does not match entry"));
    }

    @Test
    void removalIsRefusedAndTheRowStays() throws Exception {
        Map<LedgerKey, LedgerEntry> batch = fixtures.chains(500, 1, 2);
        store.storeAll(batch);
        double refusedBefore = store.metrics().deletesRefused.count();
        store.delete(new LedgerKey(500, 0));
        store.deleteAll(List.of(new LedgerKey(500, 0), new LedgerKey(500, 1)));
        assertThat(store.load(new LedgerKey(500, 0))).isNotNull();
        assertThat(store.metrics().deletesRefused.count() - refusedBefore).isEqualTo(3);
    }

    @Test
    void loadAllKeysStreamsEveryStoredKeyWhenPreloadIsOn() throws Exception {
        Map<LedgerKey, LedgerEntry> batch = fixtures.chains(600, 2, 5);
        store.storeAll(batch);
        List<LedgerKey> keys = new ArrayList<>();
        store.loadAllKeys().forEach(keys::add);
        assertThat(keys).containsAll(batch.keySet());
        assertThat(keys).hasSize((int) PG.queryLong("SELECT count(*) FROM ledger_entry"));
    }

    @Test
    void rowsAreQueryableAsPlainColumns() throws Exception {
        store.storeAll(fixtures.chains(700, 1, 3));
        try (Connection connection = PG.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + LedgerRows.COLUMNS
                     + " FROM ledger_entry WHERE case_id = 'CAS-000700' ORDER BY position")) {
            int count = 0;
            while (rows.next()) {
                assertThat(rows.getShort("hash_version")).isEqualTo((short) 1);
                assertThat(fixtures.verifies(LEDGER_ROWS.decode(rows))).isTrue();
                count++;
            }
            assertThat(count).isEqualTo(3);
        }
    }

    private static byte[] jsonOfSize(int bytes) {
        StringBuilder json = new StringBuilder(bytes);
        json.append("{\"blob\":\"");
        while (json.length() < bytes - 2) {
            json.append('x');
        }
        json.append("\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
