package io.certeus.cli;

import io.certeus.cli.audit.LedgerAudit;
import io.certeus.cli.audit.PostgresLedgerReader;
import io.certeus.cli.json.AnchorsFileReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--trusted-key", paramLabel = "FILE", description = "An Ed25519 public key (PEM or DER) obtained apart "
            + "from the database; every anchor must then be signed by one of the keys given. Repeatable (key rotation).")
    List<Path> trustedKeys = new ArrayList<>();

    @Option(names = "--published", paramLabel = "FILE", description = "An anchors export published apart from the database "
            + "(certeus anchors export): every anchor in it must be stored, identical. Repeatable.")
    List<Path> published = new ArrayList<>();

    @Option(names = "--require-anchored", description = "Fail (exit 1) when entries after the newest anchor are not yet "
            + "covered by one; without it they are only counted (uncovered=N).")
    boolean requireAnchored;

    @Override
    public Integer call() throws Exception {
        long startNs = System.nanoTime();
        try (Connection connection = postgres.connect()) {
            if (!new PostgresLedgerReader(connection, postgres.schema()).hasLedger()) {
                System.err.println(postgres.noLedgerMessage());
                return ExitCodes.NO_LEDGER;
            }
            Map<Long, byte[]> publishedAnchors = new HashMap<>();
            for (Path file : published) {
                Map<Long, byte[]> fromFile;
                try {
                    fromFile = new AnchorsFileReader().read(Files.readAllBytes(file));
                } catch (AnchorsFileReader.MalformedAnchorsException e) {
                    System.err.println("certeus: malformed anchors file " + file + ": " + e.getMessage());
                    return ExitCodes.INVALID_INPUT;
                }
                for (Map.Entry<Long, byte[]> anchor : fromFile.entrySet()) {
                    byte[] earlier = publishedAnchors.putIfAbsent(anchor.getKey(), anchor.getValue());
                    if (earlier != null && !java.util.Arrays.equals(earlier, anchor.getValue())) {
                        System.out.println("DAMAGED: anchor=" + anchor.getKey() + " field=published: the published files disagree "
                                + "on this anchor (a fork was published): file=" + file);
                        return ExitCodes.VERIFICATION_FAILED;
                    }
                }
            }
            LedgerAudit.Report report = new LedgerAudit(TrustedKeyFiles.read(trustedKeys, spec.commandLine()), publishedAnchors,
                    requireAnchored).run(connection, postgres.schema());
            String[] firstAndRest = report.describe().split("\n", 2);
            System.out.printf("%s schema=%s seconds=%.1f%n", firstAndRest[0], postgres.schema(), (System.nanoTime() - startNs) / 1e9);
            if (firstAndRest.length > 1) {
                System.out.println(firstAndRest[1]);
            }
            return report.intact() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
    }
}
