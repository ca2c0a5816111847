package io.certeus.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certeus.cli.json.LedgerJson;
import io.certeus.client.CerteusClient;
import io.certeus.client.CerteusTimeoutException;
import io.certeus.client.VerifiedReceipt;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Receipt;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

/**
 * {@code certeus receipt EVENT_ID [--verify ...]}: where an event landed, once it is chained; with
 * {@code --verify}, proven against a trusted anchor.
 *
 * <p>Not thread-safe: filled by picocli, run once.
 */
@Command(name = "receipt", mixinStandardHelpOptions = true,
        description = {"Print an event's receipt (shard, position, hash), waiting until it is chained.",
            "With --verify the receipt comes with an inclusion proof checked against the newest anchor, after checking"
                    + " that every anchor from the trusted one to it extends its predecessor; stderr names the anchor now"
                    + " trusted (SEQ:HEX), to pass as --trusted-anchor next time.",
            "Exit codes with --verify: 0 verified; 1 something does not verify (stdout: INVALID: ... field=...);"
                    + " 3 unusable --anchors file; 4 not chained or not anchored in time (retry later)."})
public final class ReceiptCommand implements Callable<Integer> {
    @Mixin
    GridOptions grid;

    @Mixin
    TrustOptions trust;

    @Parameters(index = "0", paramLabel = "EVENT_ID")
    UUID eventId;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        trust.validate(spec.commandLine());
        if (trust.verify) {
            return verified();
        }
        LedgerJson json = new LedgerJson();
        try (CerteusClient certeus = grid.openClient()) {
            Receipt receipt = certeus.receipt(eventId).join();
            System.out.println(json.mapper().writeValueAsString(json.receipt(receipt)));
            return ExitCodes.OK;
        } catch (CompletionException e) {
            if (e.getCause() instanceof CerteusTimeoutException) {
                System.err.println("certeus: " + e.getCause().getMessage());
                return ExitCodes.VERIFICATION_FAILED;
            }
            throw e;
        }
    }

    private int verified() throws Exception {
        return trust.runVerified(grid, spec.commandLine(), (reads, json) -> {
            VerifiedReceipt verified = reads.receipt(eventId);
            ObjectNode node = json.receipt(verified.receipt());
            node.put("verifiedAgainstAnchor", verified.verifiedAgainst().sequence());
            node.put("verifiedAgainstAnchorHash", Hashes.hex(verified.verifiedAgainst().anchorHash()));
            System.out.println(json.mapper().writeValueAsString(node));
            System.err.printf("certeus: VERIFIED eventId=%s against anchor %d; trusted anchor now %s%n", eventId,
                    verified.verifiedAgainst().sequence(), reads.trusted());
            return ExitCodes.OK;
        });
    }
}
