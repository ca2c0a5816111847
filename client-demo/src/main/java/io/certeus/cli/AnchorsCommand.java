package io.certeus.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certeus.cli.audit.PostgresLedgerReader;
import io.certeus.cli.json.LedgerJson;
import io.certeus.core.model.Anchor;
import io.certeus.core.verify.StoredSignature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code certeus anchors export}: the anchor chain, for publication.
 *
 * <p>Not thread-safe: filled by picocli, run once.
 */
@Command(name = "anchors", mixinStandardHelpOptions = true, description = "Anchors (Merkle checkpoints).",
        subcommands = AnchorsCommand.Export.class)
public final class AnchorsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand: export");
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export anchors from PostgreSQL as JSON for publication (sequence, time, root, previous and own hash).")
    static final class Export implements Callable<Integer> {
        @Mixin
        PostgresOptions postgres;

        @Option(names = "--from", paramLabel = "SEQUENCE", description = "First anchor to export (default: ${DEFAULT-VALUE}).")
        long from = 0;

        @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write here instead of stdout.")
        Path out;

        @Override
        public Integer call() throws Exception {
            LedgerJson json = new LedgerJson();
            List<Anchor> anchors;
            List<StoredSignature> signatures;
            try (Connection connection = postgres.connect()) {
                PostgresLedgerReader reader = new PostgresLedgerReader(connection, postgres.schema());
                if (!reader.hasLedger()) {
                    System.err.println(postgres.noLedgerMessage());
                    return ExitCodes.NO_LEDGER;
                }
                anchors = reader.anchors();
                signatures = reader.storedSignatures();
            }
            ObjectNode document = json.mapper().createObjectNode();
            document.put("format", "certeus-anchors");
            document.put("version", 1);
            ArrayNode list = document.putArray("anchors");
            for (Anchor anchor : anchors) {
                if (anchor.sequence() >= from) {
                    list.add(json.anchor(anchor, signatures));
                }
            }
            String text = json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document);
            if (out == null) {
                System.out.println(text);
            } else {
                Files.writeString(out, text + "\n");
                System.err.printf("certeus: %d anchors written to %s%n", list.size(), out);
            }
            return ExitCodes.OK;
        }
    }
}
