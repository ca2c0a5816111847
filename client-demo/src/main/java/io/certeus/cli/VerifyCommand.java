package io.certeus.cli;

import io.certeus.cli.audit.LedgerAudit;
import io.certeus.cli.audit.PostgresLedgerReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.sql.Connection;
import java.util.concurrent.Callable;

/**
 * {@code certeus verify}: the offline audit, from PostgreSQL rows alone.
 *
 * <p>Not thread-safe: filled by picocli, run once.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify every shard chain and every anchor from PostgreSQL alone (no grid), and that no eventId "
                + "is stored twice. Exit 0 when intact; exit 1 naming the first damaged shard, position and field, "
                + "or the duplicate eventIds with their shard and position; exit 7 when the schema holds no ledger.")
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    PostgresOptions postgres;

    @Override
    public Integer call() throws Exception {
        long startNs = System.nanoTime();
        try (Connection connection = postgres.connect()) {
            if (!new PostgresLedgerReader(connection, postgres.schema()).hasLedger()) {
                System.err.println(postgres.noLedgerMessage());
                return ExitCodes.NO_LEDGER;
            }
            LedgerAudit.Report report = new LedgerAudit().run(connection, postgres.schema());
            String[] firstAndRest = report.describe().split("\n", 2);
            System.out.printf("%s schema=%s seconds=%.1f%n", firstAndRest[0], postgres.schema(), (System.nanoTime() - startNs) / 1e9);
            if (firstAndRest.length > 1) {
                System.out.println(firstAndRest[1]);
            }
            return report.intact() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
    }
}
