package io.certeus.cli;

import io.certeus.cli.json.AnchorsFileReader;
import io.certeus.cli.json.LedgerJson;
import io.certeus.client.CerteusClient;
import io.certeus.client.CerteusTimeoutException;
import io.certeus.client.TrustedAnchor;
import io.certeus.client.VerificationException;
import io.certeus.client.VerifiedReads;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

/**
 * {@code --verify} and where its trust starts, for the reading commands ({@code receipt}, {@code history}):
 * a published anchor ({@code --trusted-anchor SEQ:HEX}), the newest anchor of a published export
 * ({@code --anchors FILE}), or, weaker, the grid's newest anchor ({@code --trust-on-first-use}).
 *
 * <p>Not thread-safe: filled by picocli, read once.
 */
public final class TrustOptions {
    @Option(names = "--verify", description = "Check what the grid returns with inclusion proofs against a trusted anchor,"
            + " after checking that every newer anchor extends it (give --trusted-anchor, --anchors or --trust-on-first-use).")
    boolean verify;

    @Option(names = "--trusted-anchor", paramLabel = "SEQ:HEX",
            description = "With --verify: the anchor trust starts from, e.g. the last line of a published export (sequence:anchorHash).")
    String trustedAnchor;

    @Option(names = "--anchors", paramLabel = "FILE",
            description = "With --verify: a published anchor export ('certeus anchors export'); trust starts from its newest anchor.")
    Path anchorsFile;

    @Option(names = "--trust-on-first-use",
            description = "With --verify: trust the grid's newest anchor as it is now (weaker: a grid already rewritten is believed).")
    boolean trustOnFirstUse;

    /** A trust option given without --verify, or not exactly one given with it. */
    void validate(CommandLine commandLine) {
        int given = (trustedAnchor != null ? 1 : 0) + (anchorsFile != null ? 1 : 0) + (trustOnFirstUse ? 1 : 0);
        if (!verify && given > 0) {
            throw new CommandLine.ParameterException(commandLine,
                    "--trusted-anchor, --anchors and --trust-on-first-use need --verify");
        }
        if (verify && given != 1) {
            throw new CommandLine.ParameterException(commandLine,
                    "--verify needs exactly one of --trusted-anchor SEQ:HEX, --anchors FILE, --trust-on-first-use");
        }
    }

    /** An anchors file that cannot give a starting anchor: the command exits with {@link ExitCodes#INVALID_INPUT}. */
    static final class UnusableAnchorsException extends Exception {
        private static final long serialVersionUID = 1L;

        UnusableAnchorsException(String message) {
            super(message);
        }
    }

    /** Where trust starts; throws {@link UnusableAnchorsException} for an export that is unreadable, malformed or empty. */
    TrustedAnchor start(CommandLine commandLine) throws UnusableAnchorsException {
        if (trustOnFirstUse) {
            return TrustedAnchor.trustOnFirstUse();
        }
        if (trustedAnchor != null) {
            try {
                return TrustedAnchor.parse(trustedAnchor);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, "--trusted-anchor: " + e.getMessage());
            }
        }
        Map<Long, byte[]> published;
        try {
            published = new AnchorsFileReader().read(Files.readAllBytes(anchorsFile));
        } catch (AnchorsFileReader.MalformedAnchorsException e) {
            throw new UnusableAnchorsException("malformed anchors file " + anchorsFile + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UnusableAnchorsException("anchors file not readable: path=" + anchorsFile + ", " + e.getMessage());
        }
        if (published.isEmpty()) {
            throw new UnusableAnchorsException("the anchors file lists no anchor: path=" + anchorsFile);
        }
        long newest = Collections.max(published.keySet());
        return TrustedAnchor.of(newest, published.get(newest));
    }

    /** What a command does with verified reads; returns its exit code. */
    @FunctionalInterface
    interface VerifiedRead {
        int read(VerifiedReads reads, LedgerJson json) throws Exception;
    }

    /**
     * Opens a client on {@code grid}, starts verified reads where these options say trust starts, and
     * runs {@code read}; what does not verify is printed as {@code INVALID: ...} (exit 1), an unusable
     * anchors file exits 3, a timeout 4.
     */
    int runVerified(GridOptions grid, CommandLine commandLine, VerifiedRead read) throws Exception {
        TrustedAnchor start;
        try {
            start = start(commandLine);
        } catch (UnusableAnchorsException e) {
            System.err.println("certeus: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        try (CerteusClient certeus = grid.openClient()) {
            return read.read(certeus.verifiedReads(start), new LedgerJson());
        } catch (VerificationException e) {
            System.out.println("INVALID: " + e.getMessage());
            return ExitCodes.VERIFICATION_FAILED;
        } catch (CerteusTimeoutException e) {
            System.err.println("certeus: " + e.getMessage());
            return ExitCodes.RETRYABLE_FAILURE;
        }
    }
}
