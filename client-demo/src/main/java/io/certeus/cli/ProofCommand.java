package io.certeus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.certeus.cli.json.LedgerJson;
import io.certeus.client.CerteusClient;
import io.certeus.core.hash.Hashes;
import io.certeus.core.proof.InclusionProof;
import io.certeus.core.proof.ProofVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code certeus proof get|verify}: fetch an inclusion proof from the grid; check one offline. */
@Command(name = "proof", description = "Inclusion proofs: fetch one from the grid, or verify one offline.",
        subcommands = {ProofCommand.Get.class, ProofCommand.Verify.class})
public final class ProofCommand {

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Print (or write) the inclusion proof of an event against the newest anchor covering it.")
    static final class Get implements Callable<Integer> {
        @Mixin
        GridOptions grid;

        @Parameters(index = "0", paramLabel = "EVENT_ID")
        UUID eventId;

        @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the proof here instead of stdout.")
        Path out;

        @Override
        public Integer call() throws Exception {
            LedgerJson json = new LedgerJson();
            try (CerteusClient certeus = grid.openClient()) {
                InclusionProof proof = certeus.proof(eventId);
                String text = json.mapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json.proof(proof));
                if (out == null) {
                    System.out.println(text);
                } else {
                    Files.writeString(out, text + "\n");
                    System.err.printf("certeus: proof of eventId=%s against anchor %d written to %s%n", eventId,
                            proof.anchorSequence(), out);
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify a proof file offline: no grid, no database.")
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(names = "--anchor-hash", paramLabel = "HEX", description = "Also require the proof's anchor to be this published anchor.")
        String anchorHash;

        @Override
        public Integer call() throws Exception {
            LedgerJson json = new LedgerJson();
            JsonNode node = json.mapper().readTree(file.toFile());
            InclusionProof proof = json.proof(node);
            ProofVerifier.Result result = anchorHash == null ? new ProofVerifier().verify(proof)
                    : new ProofVerifier().verifyAgainst(proof, Hashes.fromHex(anchorHash));
            if (result.valid()) {
                System.out.printf("VALID: eventId=%s shard=%d position=%d anchor=%d anchorHash=%s%n",
                        proof.entry().event().eventId(), proof.entry().shard(), proof.entry().position(),
                        proof.anchorSequence(), Hashes.hex(proof.anchorHash()));
                return ExitCodes.OK;
            }
            System.out.println("INVALID: " + result.failure());
            return ExitCodes.VERIFICATION_FAILED;
        }
    }
}
