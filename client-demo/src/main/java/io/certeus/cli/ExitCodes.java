package io.certeus.cli;

/** Exit codes of the {@code certeus} command, stable for scripts. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Verification found damage, or what was asked for does not exist. */
    public static final int VERIFICATION_FAILED = 1;
    /** Wrong command line (picocli's usage error code). */
    public static final int USAGE = 2;
    /** Some input lines were not valid events; the valid ones were appended. */
    public static final int INVALID_INPUT = 3;
    /** The grid refused or timed out (backpressure, lag); retrying later may succeed. */
    public static final int RETRYABLE_FAILURE = 4;
    /** Anything else that went wrong. */
    public static final int FAILURE = 5;

    private ExitCodes() {
    }
}
