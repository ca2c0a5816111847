package io.certeus.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certeus.cli.json.LedgerJson;
import io.certeus.client.CerteusClient;
import io.certeus.client.VerifiedHistory;
import io.certeus.core.model.LedgerEntry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code certeus history CASE [--verify ...]}: a case's entries, one JSON object per line, in chain
 * order; with {@code --verify}, each anchored entry proven against a trusted anchor.
 *
 * <p>Not thread-safe: filled by picocli, run once.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Print a case's ledger entries as JSON lines, in position order (grid first, PostgreSQL for the rest).",
            "With --verify each entry the newest anchor covers is proven against it (\"anchored\":true), after checking"
                    + " that every anchor from the trusted one to it extends its predecessor; entries chained after it are"
                    + " printed with \"anchored\":false: nothing vouches for them yet. A proof does not show that the grid"
                    + " returned every entry of the case.",
            "Exit codes with --verify: 0 verified; 1 something does not verify (stdout: INVALID: ... field=...) or no"
                    + " entries; 3 unusable --anchors file; 4 not readable in time, or (--require-anchored) an entry not"
                    + " anchored yet (retry later)."})
public final class HistoryCommand implements Callable<Integer> {
    @Mixin
    GridOptions grid;

    @Mixin
    TrustOptions trust;

    @Parameters(index = "0", paramLabel = "CASE_ID", description = "Case id, e.g. ABC-123456.")
    String caseId;

    @Option(names = "--require-anchored", description = "With --verify: fail (exit 4) when an entry is not anchored yet.")
    boolean requireAnchored;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        trust.validate(spec.commandLine());
        if (requireAnchored && !trust.verify) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--require-anchored needs --verify");
        }
        if (trust.verify) {
            return verified();
        }
        LedgerJson json = new LedgerJson();
        try (CerteusClient certeus = grid.openClient()) {
            List<LedgerEntry> history = certeus.history(caseId);
            for (LedgerEntry entry : history) {
                System.out.println(json.mapper().writeValueAsString(json.entry(entry)));
            }
            System.err.printf("certeus: %d entries for caseId=%s%n", history.size(), caseId);
            return history.isEmpty() ? ExitCodes.VERIFICATION_FAILED : ExitCodes.OK;
        }
    }

    private int verified() throws Exception {
        return trust.runVerified(grid, spec.commandLine(), (reads, json) -> {
            VerifiedHistory history = reads.history(caseId);
            for (VerifiedHistory.Entry entry : history.entries()) {
                ObjectNode node = json.entry(entry.entry());
                node.put("anchored", entry.anchored());
                System.out.println(json.mapper().writeValueAsString(node));
            }
            int unanchored = history.unanchoredCount();
            System.err.printf("certeus: VERIFIED %d of %d entries for caseId=%s against anchor %d (%d not anchored yet);"
                    + " trusted anchor now %s%n", history.entries().size() - unanchored, history.entries().size(), caseId,
                    history.verifiedAgainst().sequence(), unanchored, reads.trusted());
            if (history.entries().isEmpty()) {
                return ExitCodes.VERIFICATION_FAILED;
            }
            return requireAnchored && unanchored > 0 ? ExitCodes.RETRYABLE_FAILURE : ExitCodes.OK;
        });
    }
}
