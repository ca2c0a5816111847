package io.certeus.cli;

import io.certeus.client.CerteusClientException;
import io.certeus.client.DurableTimeoutException;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Event;
import io.certeus.core.model.Receipt;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What {@code certeus append} says about each event, in input order, even when some fail: on stdout
 * (when asked) {@code eventId caseId GRID} for an event the grid acknowledged, or
 * {@code eventId caseId POSTGRES shard=.. position=.. hash=..} once it is committed in PostgreSQL;
 * on stderr one line per event that was not acknowledged, or not durable in time, with the reason;
 * then a summary line, and the exit code (docs/INPUT.md).
 *
 * <p>Not thread-safe: one report per command run, fed from one thread.
 */
final class AppendReport {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean printEvents;
    private long acknowledged;
    private long durable;
    private long failed;
    private boolean onlyRetryableFailures = true;

    AppendReport(PrintStream out, PrintStream err, boolean printEvents) {
        this.out = out;
        this.err = err;
        this.printEvents = printEvents;
    }

    /** Waits for the event's outcome and reports it; {@code durableReceipt} is {@code null} unless durability was asked. */
    void event(Event event, CompletableFuture<Void> acknowledgement, CompletableFuture<Receipt> durableReceipt) {
        String who = event.eventId() + " " + event.caseId();
        Throwable ackFailure = failureOf(acknowledgement);
        if (ackFailure != null) {
            fail("not acknowledged: eventId=" + event.eventId() + ", caseId=" + event.caseId() + ": " + ackFailure.getMessage(),
                    ackFailure);
            return;
        }
        acknowledged++;
        if (durableReceipt == null) {
            if (printEvents) {
                out.println(who + " GRID");
            }
            return;
        }
        Throwable durableFailure = failureOf(durableReceipt);
        if (durableFailure != null) {
            out.println(who + " GRID");
            fail((durableFailure instanceof DurableTimeoutException ? "" : "durability unknown: ") + durableFailure.getMessage(),
                    durableFailure);
            return;
        }
        Receipt receipt = durableReceipt.join();
        durable++;
        out.println(who + " POSTGRES shard=" + receipt.shard() + " position=" + receipt.position() + " hash="
                + Hashes.hex(receipt.hash()));
    }

    private void fail(String message, Throwable cause) {
        failed++;
        onlyRetryableFailures &= cause instanceof CerteusClientException && ((CerteusClientException) cause).isRetryable();
        err.println("certeus: " + message);
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        try {
            future.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        }
    }

    /** Prints the summary; returns the exit code. */
    int finish(long invalidLines) {
        StringBuilder summary = new StringBuilder("certeus: appended ").append(acknowledged).append(" event(s), refused ")
                .append(invalidLines).append(" line(s)");
        if (durable > 0 || failed > 0) {
            summary.append(", durable ").append(durable).append(", failed ").append(failed);
        }
        err.println(summary);
        if (failed > 0) {
            return onlyRetryableFailures ? ExitCodes.RETRYABLE_FAILURE : ExitCodes.FAILURE;
        }
        return invalidLines > 0 ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
    }
}
