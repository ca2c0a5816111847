package io.certeus.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.certeus.cli.json.AnchorsFileReader;
import io.certeus.cli.json.LedgerJson;
import io.certeus.cli.json.ProofFileReader;
import io.certeus.client.CerteusClient;
import io.certeus.core.hash.Hashes;
import io.certeus.core.proof.InclusionProof;
import io.certeus.core.sign.AnchorSigning;
import io.certeus.core.verify.ProofVerifier;
import io.certeus.core.verify.StoredSignature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code certeus proof get|verify}: fetch an inclusion proof from the grid; check one offline.
 *
 * <p>Not thread-safe: filled by picocli, run once.
 */
@Command(name = "proof", mixinStandardHelpOptions = true,
        description = "Inclusion proofs: fetch one from the grid, or verify one offline.",
        subcommands = {ProofCommand.Get.class, ProofCommand.Verify.class})
public final class ProofCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand: get or verify");
    }

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
            description = {"Verify a proof file offline: no grid, no database.",
                "A proof carries its own anchor, so on its own it can only be internally consistent: give the trusted,"
                        + " published anchor with --anchor-hash or --anchors (from 'certeus anchors export', obtained"
                        + " apart from the proof) to prove inclusion.",
                "Exit codes: 0 valid and anchored to the trusted anchor; 6 internally consistent but not anchored"
                        + " (no trusted anchor given); 1 invalid, or its anchor is not the trusted one; 3 malformed proof"
                        + " or anchors file."})
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(names = "--anchor-hash", paramLabel = "HEX", description = "The trusted, published hash of the proof's anchor.")
        String anchorHash;

        @Option(names = "--anchors", paramLabel = "FILE",
                description = "A trusted anchor export ('certeus anchors export'); the proof's anchor must be in it.")
        Path anchorsFile;

        @Option(names = "--trusted-key", paramLabel = "FILE", description = "With --anchors: an Ed25519 public key (PEM or "
                + "DER) of the operator's; the proof's anchor must carry a valid signature by one of the keys given in the "
                + "export. Repeatable (key rotation).")
        List<Path> trustedKeys = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (anchorHash != null && anchorsFile != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give --anchor-hash or --anchors, not both");
            }
            if (!trustedKeys.isEmpty() && anchorsFile == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--trusted-key needs --anchors (the export carries the signatures)");
            }
            List<PublicKey> keys = TrustedKeyFiles.read(trustedKeys, spec.commandLine());
            byte[] pinnedHash = anchorHash == null ? null : parseAnchorHash(anchorHash);
            InclusionProof proof;
            try {
                proof = new ProofFileReader().read(Files.readAllBytes(file));
            } catch (ProofFileReader.MalformedProofException e) {
                System.err.println("certeus: malformed proof file " + file + ": " + e.getMessage());
                return ExitCodes.INVALID_INPUT;
            }
            if (anchorsFile != null) {
                try {
                    pinnedHash = new AnchorsFileReader().read(Files.readAllBytes(anchorsFile)).get(proof.anchorSequence());
                } catch (AnchorsFileReader.MalformedAnchorsException e) {
                    System.err.println("certeus: malformed anchors file " + anchorsFile + ": " + e.getMessage());
                    return ExitCodes.INVALID_INPUT;
                }
                if (pinnedHash == null) {
                    System.out.printf("INVALID: the proof's anchor is not in the trusted anchors file: anchorSequence=%d, anchors=%s%n",
                            proof.anchorSequence(), anchorsFile);
                    return ExitCodes.VERIFICATION_FAILED;
                }
                if (!keys.isEmpty() && !signedByTrustedKey(proof.anchorSequence(), pinnedHash, keys)) {
                    System.out.printf("INVALID: the proof's anchor carries no valid signature by a trusted key in the anchors file:"
                            + " anchorSequence=%d, anchors=%s%n", proof.anchorSequence(), anchorsFile);
                    return ExitCodes.VERIFICATION_FAILED;
                }
            }
            ProofVerifier verifier = new ProofVerifier();
            ProofVerifier.Result result = pinnedHash == null ? verifier.verify(proof) : verifier.verifyAgainst(proof, pinnedHash);
            String subject = String.format("eventId=%s shard=%d position=%d anchor=%d anchorHash=%s",
                    proof.entry().event().eventId(), proof.entry().shard(), proof.entry().position(), proof.anchorSequence(),
                    Hashes.hex(proof.anchorHash()));
            switch (result.verdict()) {
                case ANCHORED:
                    System.out.println("VALID: " + subject + " (anchored to the trusted anchor)");
                    return ExitCodes.OK;
                case CONSISTENT_NOT_ANCHORED:
                    System.out.println("NOT ANCHORED: the proof is internally consistent but not anchored to anything trusted: "
                            + subject + "; pass the published anchor hash with --anchor-hash or an anchor export with --anchors");
                    return ExitCodes.PROOF_NOT_ANCHORED;
                default:
                    System.out.println("INVALID: " + result.failure());
                    return ExitCodes.VERIFICATION_FAILED;
            }
        }

        /** Whether the export lists a signature over (sequence, hash) by one of {@code keys} that verifies. */
        private boolean signedByTrustedKey(long sequence, byte[] anchorHash, List<PublicKey> keys) throws Exception {
            for (StoredSignature signature : new AnchorsFileReader().readSignatures(Files.readAllBytes(anchorsFile))) {
                if (signature.sequence() != sequence) {
                    continue;
                }
                for (PublicKey key : keys) {
                    if (AnchorSigning.keyId(key).equals(signature.keyId())
                            && AnchorSigning.verify(key, sequence, anchorHash, signature.signature())) {
                        return true;
                    }
                }
            }
            return false;
        }

        private byte[] parseAnchorHash(String hex) {
            try {
                byte[] bytes = Hashes.fromHex(hex);
                if (bytes.length == Hashes.HASH_BYTES) {
                    return bytes;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--anchor-hash must be 64 hex digits (32 bytes): length=" + hex.length());
        }
    }
}
