package io.certeus.cli;

import io.certeus.cli.audit.PostgresLedgerReader;
import io.certeus.core.model.Anchor;
import io.certeus.pipeline.verify.LedgerVerifier;
import io.certeus.pipeline.verify.VerificationFailure;
import io.certeus.pipeline.verify.VerificationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.sql.Connection;
import java.util.List;
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
            PostgresLedgerReader reader = new PostgresLedgerReader(connection, postgres.schema());
            List<Anchor> anchors = reader.anchors();
            LedgerVerifier verifier = new LedgerVerifier(anchors);
            reader.forEachEntry(verifier::accept);
            VerificationResult result = verifier.finish();
            double seconds = (System.nanoTime() - startNs) / 1e9;
            if (result.ok()) {
                System.out.printf("VERIFIED: entries=%d anchors=%d schema=%s seconds=%.1f%n", result.entriesChecked(),
                        anchors.size(), postgres.schema(), seconds);
                return ExitCodes.OK;
            }
            VerificationFailure failure = result.failure();
            if (failure.anchorSequence() >= 0) {
                System.out.printf("DAMAGED: anchor=%d shard=%d field=%s: %s%n", failure.anchorSequence(), failure.shard(),
                        failure.field(), failure.message());
            } else {
                System.out.printf("DAMAGED: shard=%d position=%d field=%s: %s%n", failure.shard(), failure.position(),
                        failure.field(), failure.message());
            }
            return ExitCodes.VERIFICATION_FAILED;
        }
    }
}
