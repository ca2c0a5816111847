package io.certeus.cli;

/**
 * Exit codes of the {@code certeus} command, stable for scripts (docs/INPUT.md lists them).
 *
 * <p>Thread-safe: constants only.
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** Verification found damage (or duplicate eventIds), a proof is invalid, or what was asked for does not exist. */
    public static final int VERIFICATION_FAILED = 1;
    /** Wrong command line (picocli's usage error code). */
    public static final int USAGE = 2;
    /** Input was not valid: some lines were not valid events (the valid ones were appended), or a proof file is malformed. */
    public static final int INVALID_INPUT = 3;
    /** The grid refused or timed out (backpressure, lag); retrying later may succeed. */
    public static final int RETRYABLE_FAILURE = 4;
    /** Anything else that went wrong. */
    public static final int FAILURE = 5;
    /**
     * {@code proof verify} without a trusted anchor: the proof is internally consistent, but its anchor
     * was not compared with a published one, so it proves nothing yet (a forger can invent an anchor).
     */
    public static final int PROOF_NOT_ANCHORED = 6;
    /** An offline command found no CERTEUS ledger in the PostgreSQL schema given (schema or its tables missing). */
    public static final int NO_LEDGER = 7;

    private ExitCodes() {
    }
}
