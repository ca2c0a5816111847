package io.certeus.cli;

import io.certeus.core.validation.PrintableText;
import org.slf4j.LoggerFactory;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.sql.SQLException;
import java.util.Arrays;

/**
 * The {@code certeus} command: run a local grid and the demo, submit the ledger job, append and
 * query through the Java client, and audit the ledger offline from PostgreSQL. Exit codes:
 * {@link ExitCodes}.
 *
 * <p>Not thread-safe: one command line per run.
 */
@Command(name = "certeus", mixinStandardHelpOptions = true, version = "certeus 0.1.0",
        description = "CERTEUS tamper-evident event ledger on Hazelcast.",
        subcommands = {
            DemoCommand.class, ClusterCommand.class, SubmitCommand.class, AppendCommand.class, HistoryCommand.class,
            ReceiptCommand.class, ProofCommand.class, VerifyCommand.class, AnchorsCommand.class, KeysCommand.class, StatCommand.class,
            TopCommand.class, BenchCommand.class, AutoComplete.GenerateCompletion.class})
public final class CerteusCli implements Runnable {
    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
    /** What the terminal shows of the logs (config/log4j2-cli.xml); the file gets everything. */
    static final String CONSOLE_LOG_LEVEL = "certeus.log.console.level";
    static final String VERBOSE = "--verbose";

    @Option(names = VERBOSE, scope = ScopeType.INHERIT, description = "Also show logs (INFO and above) on the terminal; "
            + "by default only errors are shown and everything goes to ~/.certeus/certeus.log (-Dcerteus.log.file=...).")
    boolean verbose; // read in main, before logging starts

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line as picocli runs it, with CERTEUS exit codes for failures. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new CerteusCli());
        line.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            if (error instanceof SQLException) {
                SQLException sql = (SQLException) error;
                commandLine.getErr().println("certeus: PostgreSQL error: sqlState=" + sql.getSQLState() + ", message="
                        + PrintableText.message(String.valueOf(sql.getMessage()), 400));
                return ExitCodes.FAILURE;
            }
            // The terminal gets one line; the log file (and --verbose) gets where it came from (INFO: the
            // terminal shows ERROR and above by default, and the line below is what it should show).
            LoggerFactory.getLogger(CerteusCli.class).info("certeus: command failed: command={}", commandLine.getCommandName(), error);
            commandLine.getErr().println("certeus: " + error.getClass().getSimpleName() + ": "
                    + PrintableText.message(String.valueOf(error.getMessage()), 400));
            return error instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FAILURE;
        });
        return line;
    }

    public static void main(String[] args) {
        // With fewer than 3 cores the common pool has parallelism 1, and Hazelcast then runs every
        // async callback on a new thread: measured 7x slower end to end on 2 cores. Must precede
        // any use of ForkJoinPool, so it is the first thing main does.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM, String.valueOf(Math.max(4, Runtime.getRuntime().availableProcessors())));
        }
        // Logging config ships in the config module; set before anything creates a logger. The
        // terminal shows errors only (logs go to a file) unless --verbose asks for them.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "certeus/log4j2-cli.xml");
        }
        if (Arrays.asList(args).contains(VERBOSE) && System.getProperty(CONSOLE_LOG_LEVEL) == null) {
            System.setProperty(CONSOLE_LOG_LEVEL, "INFO");
        }
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "log4j2");
        }
        System.exit(commandLine().execute(args));
    }
}
