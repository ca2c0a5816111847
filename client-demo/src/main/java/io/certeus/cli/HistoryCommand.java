package io.certeus.cli;

import io.certeus.cli.json.LedgerJson;
import io.certeus.client.CerteusClient;
import io.certeus.core.model.LedgerEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code certeus history CASE}: a case's entries, one JSON object per line, in chain order. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Print a case's ledger entries as JSON lines, in position order (grid first, PostgreSQL for the rest).")
public final class HistoryCommand implements Callable<Integer> {
    @Mixin
    GridOptions grid;

    @Parameters(index = "0", paramLabel = "CASE_ID", description = "Case id, e.g. ABC-123456.")
    String caseId;

    @Override
    public Integer call() throws Exception {
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
}
