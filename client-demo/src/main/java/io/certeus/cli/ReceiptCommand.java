package io.certeus.cli;

import io.certeus.cli.json.LedgerJson;
import io.certeus.client.CerteusClient;
import io.certeus.client.CerteusTimeoutException;
import io.certeus.core.model.Receipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

/** {@code certeus receipt EVENT_ID}: where an event landed, once it is chained. */
@Command(name = "receipt", mixinStandardHelpOptions = true,
        description = "Print an event's receipt (shard, position, hash), waiting until it is chained.")
public final class ReceiptCommand implements Callable<Integer> {
    @Mixin
    GridOptions grid;

    @Parameters(index = "0", paramLabel = "EVENT_ID")
    UUID eventId;

    @Override
    public Integer call() throws Exception {
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
}
