package io.certeus.cli;

import io.certeus.core.sign.AnchorSigning;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's anchor-signing public keys given with {@code --trusted-key} (PEM or DER files),
 * for {@code verify} and {@code proof verify}.
 *
 * <p>Thread-safe: stateless.
 */
final class TrustedKeyFiles {
    private TrustedKeyFiles() {
    }

    /** Reads every file; a file that is not an Ed25519 public key is a usage error naming it. */
    static List<PublicKey> read(List<Path> files, CommandLine commandLine) throws IOException {
        List<PublicKey> keys = new ArrayList<>();
        for (Path file : files) {
            try {
                keys.add(AnchorSigning.publicKey(Files.readAllBytes(file)));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, "--trusted-key " + file + ": " + e.getMessage());
            }
        }
        return keys;
    }
}
