package io.certeus.cli;

import io.certeus.core.sign.AnchorSigning;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.concurrent.Callable;

/**
 * {@code certeus keys generate}: a new Ed25519 key pair for signing anchors (docs/SECURITY.md).
 *
 * <p>Not thread-safe: filled by picocli, run once.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Anchor signing keys.", subcommands = KeysCommand.Generate.class)
public final class KeysCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand: generate");
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write a new Ed25519 key pair: DIR/anchor-signing.key (PKCS#8 PEM, owner-only) for the members' "
                    + "certeus.pg.anchor.signing.key.file, and DIR/anchor-signing.pub (X.509 PEM) for "
                    + "certeus.pg.anchor.public.key.file and for auditors' verify --trusted-key. Never overwrites.")
    static final class Generate implements Callable<Integer> {
        static final String PRIVATE_FILE = "anchor-signing.key";
        static final String PUBLIC_FILE = "anchor-signing.pub";

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the two files (created if missing).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(dir);
            KeyPair pair = AnchorSigning.generate();
            Path privateFile = dir.resolve(PRIVATE_FILE);
            Path publicFile = dir.resolve(PUBLIC_FILE);
            for (Path existing : new Path[] {privateFile, publicFile}) {
                if (Files.exists(existing)) {
                    System.err.println("certeus: refusing to overwrite an existing key file: " + existing);
                    return ExitCodes.FAILURE;
                }
            }
            try {
                createOwnerOnly(privateFile);
                Files.write(privateFile, AnchorSigning.pem(pair.getPrivate()).getBytes(StandardCharsets.US_ASCII),
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                Files.write(publicFile, AnchorSigning.pem(pair.getPublic()).getBytes(StandardCharsets.US_ASCII),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                System.err.println("certeus: refusing to overwrite an existing key file: " + e.getFile());
                return ExitCodes.FAILURE;
            }
            System.out.println("keyId=" + AnchorSigning.keyId(pair.getPublic()));
            System.out.println("private=" + privateFile);
            System.out.println("public=" + publicFile);
            return ExitCodes.OK;
        }

        /** Creates the empty file readable by its owner only from the start (never world-readable, even briefly). */
        private static void createOwnerOnly(Path file) throws java.io.IOException {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
                System.err.println("certeus: restrict access to " + file + " yourself: this file system has no POSIX permissions");
            }
        }
    }
}
