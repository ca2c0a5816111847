package io.certeus.core.metrics;

import io.certeus.core.validation.RejectReason;

import java.util.Locale;

/**
 * Names of the Jet user metrics each stage of the ledger job publishes (tag {@code user=true} on the
 * job's vertex). Counters are cumulative per processor; Management Center and the metrics JMX beans sum
 * them, and each member re-exports them ({@code LedgerJobMeters}: Prometheus {@code <name>_total},
 * per-stage rates and latencies, rejects by reason; {@code JetStageTotals}: the counters file). One home
 * in certeus-core, which both the job and the members' meters depend on.
 *
 * <p>Thread-safe: constants only.
 */
public final class StageMetrics {
    /** Ingest batches read from the journal (ingest). */
    public static final String INGEST_BATCHES = "certeus_ingest_batches";
    /** Events unpacked from ingest batches (ingest). */
    public static final String INGEST_EVENTS = "certeus_ingest_events";
    /** Journal entries that followed a gap: events overwritten before the job read them. Alert on any increase. */
    public static final String INGEST_LOST_EVENT_GAPS = "certeus_ingest_lost_event_gaps";
    /** Ingest entries recorded as FOREIGN_ENTRY: not a batch of their lane, or whose events do not decode or number other than declared. */
    public static final String INGEST_FOREIGN_ENTRIES = "certeus_ingest_foreign_entries";
    public static final String VALIDATE_ACCEPTED = "certeus_validate_accepted";
    public static final String VALIDATE_REJECTED = "certeus_validate_rejected";
    public static final String DEDUPE_PASSED = "certeus_dedupe_passed";
    public static final String DEDUPE_DROPPED = "certeus_dedupe_dropped";
    /** Ledger lookups of eventIds that failed and were retried (lookup); the stage waits meanwhile. Alert on any increase. */
    public static final String LOOKUP_FAILURES = "certeus_lookup_failures";
    /** Resends refused because their eventId is in the ledger with other content or another case (dedupe, chain). */
    public static final String IDEMPOTENCY_CONFLICTS = "certeus_idempotency_conflicts";
    /** Events dropped because the ledger already holds them below the shard's head (chain). */
    public static final String CHAIN_LEDGER_REPEATS = "certeus_chain_ledger_repeats";
    public static final String CHAIN_ENTRIES = "certeus_chain_entries";
    public static final String COMMIT_ENTRIES = "certeus_commit_entries";
    public static final String ANCHOR_EMITTED = "certeus_anchor_emitted";
    public static final String ANCHOR_SEQUENCE = "certeus_anchor_sequence";
    public static final String ANCHOR_ADOPTED = "certeus_anchor_adopted";
    /** Microseconds from each event's ingest stamp until the ingest stage unpacked it, summed (mean = this / INGEST_EVENTS). */
    public static final String INGEST_LATENCY_MICROS = "certeus_ingest_latency_micros";
    /** Microseconds from each entry's ingest stamp until the commit stage passed it on, summed (mean = this / COMMIT_ENTRIES). */
    public static final String COMMIT_LATENCY_MICROS = "certeus_commit_latency_micros";
    /** Prefix of the validate stage's per-reason rejection counters: this plus the lower-case {@code RejectReason} name. */
    public static final String VALIDATE_REJECTED_REASON_PREFIX = "certeus_validate_rejected_";

    /** The validate stage's counter of rejections for {@code reason} ({@code certeus_validate_rejected_bad_case_id}). */
    public static String validateRejected(RejectReason reason) {
        return VALIDATE_REJECTED_REASON_PREFIX + reason.name().toLowerCase(Locale.ROOT);
    }

    /** Microseconds since {@code ingestedAtMicros} (0 for an event never stamped, or a clock that went back). */
    public static long microsSince(long ingestedAtMicros) {
        if (ingestedAtMicros <= 0) {
            return 0;
        }
        long nowMicros = System.currentTimeMillis() * 1_000;
        return Math.max(0, nowMicros - ingestedAtMicros);
    }

    private StageMetrics() {
    }
}
