package io.certeus.cli;

import io.certeus.cli.audit.LedgerAudit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.sql.Connection;
import java.util.concurrent.Callable;

/** {@code certeus verify}: the offline audit, from PostgreSQL rows alone. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify every shard chain and every anchor from PostgreSQL alone (no grid). "
                + "Exit 0 when intact; exit 1 naming the first damaged shard, position and field.")
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    PostgresOptions postgres;

    @Override
    public Integer call() throws Exception {
        long startNs = System.nanoTime();
        try (Connection connection = postgres.connect()) {
            LedgerAudit.Report report = new LedgerAudit().run(connection, postgres.schema());
            System.out.printf("%s schema=%s seconds=%.1f%n", report.describe(), postgres.schema(),
                    (System.nanoTime() - startNs) / 1e9);
            return report.intact() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
    }
}
