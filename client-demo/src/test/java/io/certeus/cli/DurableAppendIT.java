package io.certeus.cli;

import io.certeus.client.CerteusClient;
import io.certeus.client.ClientSettings;
import io.certeus.client.Durability;
import io.certeus.client.DurableTimeoutException;
import io.certeus.client.EventBuilder;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Event;
import io.certeus.core.model.EventType;
import io.certeus.core.model.Receipt;
import io.certeus.testing.PostgresTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Appends at POSTGRES durability complete only once the ledger row is committed, and never while
 * PostgreSQL cannot take it; GRID appends complete without it and say nothing about durability.
 * The test stalls PostgreSQL for the members by holding an exclusive lock on the ledger's tables
 * (members read their URL from CERTEUS_PG_URL, which a proxy in this JVM cannot override; a lock
 * is released even if the test dies).
 */
@Timeout(300)
class DurableAppendIT {
    @RegisterExtension
    static final PostgresTestSupport PG = new PostgresTestSupport();

    private static LedgerGridFixture fixture;
    private static CerteusClient certeus;

    @BeforeAll
    static void startGrid() throws Exception {
        fixture = new LedgerGridFixture(PG, 1, 5841);
        certeus = CerteusClient.connect(fixture.clientConfig(), ClientSettings.defaults());
    }

    @AfterAll
    static void stopGrid() throws Exception {
        if (certeus != null) {
            certeus.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private static Event event(String caseId) {
        return EventBuilder.event(caseId, EventType.CASE_UPDATED).actor("clerk").payload("{\"durable\":true}").build();
    }

    /** Holds PostgreSQL's ledger tables for itself until closed: the members can neither read nor write them. */
    private static Connection stallLedgerTables() throws Exception {
        Connection lock = PG.connect();
        lock.setAutoCommit(false);
        try (Statement statement = lock.createStatement()) {
            statement.execute("LOCK TABLE ledger_entry, ledger_pending IN ACCESS EXCLUSIVE MODE");
        }
        return lock; // closing it (or this JVM ending) rolls back and releases the lock
    }

    private static long rowsWith(Receipt receipt) throws Exception {
        return PG.queryLong("SELECT count(*) FROM ledger_entry WHERE shard = " + receipt.shard() + " AND position = "
                + receipt.position() + " AND hash = '\\x" + Hashes.hex(receipt.hash()) + "'");
    }

    @Test
    void aDurableAppendCompletesWithItsReceiptOnlyOnceItsRowIsInPostgres() throws Exception {
        Event event = event("DUR-000001");
        Receipt receipt = certeus.appendDurably(event).get(120, TimeUnit.SECONDS);
        assertThat(receipt.eventId()).isEqualTo(event.eventId());
        assertThat(rowsWith(receipt)).as("the receipt's row, read straight after completion").isEqualTo(1);
        assertThat(PG.queryLong("SELECT count(*) FROM ledger_entry WHERE shard = " + receipt.shard() + " AND position < "
                + receipt.position())).as("and every earlier entry of its shard").isEqualTo(receipt.position());
    }

    @Test
    void whilePostgresIsUnreachableGridAppendsCompleteAndDurableOnesWaitForIt() throws Exception {
        Event gridOnly = event("DUR-000002");
        Event durable = event("DUR-000003");
        Connection stall = stallLedgerTables();
        try {
            certeus.append(gridOnly, Durability.GRID).get(60, TimeUnit.SECONDS);
            CompletableFuture<Receipt> gridOnlyDurable = certeus.awaitDurable(gridOnly.eventId());
            CompletableFuture<Void> durableAppend = certeus.append(durable, Durability.POSTGRES);
            // Acknowledged by the grid; PostgreSQL cannot have it, so neither may complete.
            certeus.append(event("DUR-000004"), Durability.GRID).get(60, TimeUnit.SECONDS);
            assertThat(gridOnlyDurable).as("a GRID acknowledgement is not durability").isNotDone();
            assertThat(durableAppend).isNotDone();
            stall.close();
            Receipt gridOnlyReceipt = gridOnlyDurable.get(120, TimeUnit.SECONDS);
            durableAppend.get(120, TimeUnit.SECONDS);
            assertThat(rowsWith(gridOnlyReceipt)).isEqualTo(1);
        } finally {
            stall.close();
        }
    }

    @Test
    void aDurableAppendTimesOutWithTheTypedErrorWhilePostgresStaysDown() throws Exception {
        try (CerteusClient impatient = CerteusClient.connect(fixture.clientConfig(),
                ClientSettings.builder().durableTimeoutMs(3_000).build())) {
            try (Connection stall = stallLedgerTables()) {
                CompletableFuture<Receipt> durable = impatient.appendDurably(event("DUR-000005"));
                assertThatThrownBy(() -> durable.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(DurableTimeoutException.class).hasMessageContaining("timeoutMs=3000");
            }
        }
    }
}
