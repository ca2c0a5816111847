package io.certeus.cli.audit;

import io.certeus.core.hash.FieldDigests;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;
import io.certeus.pipeline.verify.LedgerVerifier;
import io.certeus.pipeline.verify.VerificationFailure;
import io.certeus.pipeline.verify.VerificationResult;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The offline audit of a PostgreSQL ledger: every anchor and every shard chain verified from the
 * rows alone; a row whose hash no longer recomputes is narrowed down to the changed field with its
 * stored field digests; and no eventId may be stored twice (at two (shard, position) rows), which a
 * correct chain alone does not show.
 *
 * <p>Not thread-safe: one audit per instance.
 */
public final class LedgerAudit {
    /** Duplicate eventIds listed in a report; the report also gives how many there are in all. */
    public static final int MAX_DUPLICATES_LISTED = 20;

    private final FieldDigests digests = new FieldDigests();

    /** What the audit found. */
    public static final class Report {
        private final VerificationResult result;
        private final int anchors;
        private final String field;
        private final long duplicateCount;
        private final List<DuplicateEventId> duplicates;

        Report(VerificationResult result, int anchors, String field, long duplicateCount, List<DuplicateEventId> duplicates) {
            this.result = result;
            this.anchors = anchors;
            this.field = field;
            this.duplicateCount = duplicateCount;
            this.duplicates = List.copyOf(duplicates);
        }

        /** Chains and anchors verify and no eventId is stored twice. */
        public boolean intact() {
            return result.ok() && duplicateCount == 0;
        }

        /** How many eventIds are stored at more than one (shard, position). */
        public long duplicateEventIdCount() {
            return duplicateCount;
        }

        /** The first {@link #MAX_DUPLICATES_LISTED} duplicate eventIds, with where each is stored. */
        public List<DuplicateEventId> duplicateEventIds() {
            return duplicates;
        }

        public long entries() {
            return result.entriesChecked();
        }

        public int anchors() {
            return anchors;
        }

        /** The first chain or anchor failure; {@code null} when they verify (duplicates are reported apart). */
        public VerificationFailure failure() {
            return result.failure();
        }

        /** The damaged field: the verifier's, narrowed from {@code hash} to the changed event field when known. */
        public String field() {
            return field;
        }

        /**
         * For people: {@code VERIFIED ...}, or {@code DAMAGED: shard=.. position=.. field=..: why}, and/or
         * {@code DUPLICATE EVENT IDS: count=N} followed by one line per listed duplicate.
         */
        public String describe() {
            if (intact()) {
                return "VERIFIED: entries=" + entries() + " anchors=" + anchors;
            }
            StringBuilder text = new StringBuilder();
            if (!result.ok()) {
                text.append(describeDamage());
            }
            if (duplicateCount > 0) {
                text.append(text.length() == 0 ? "" : "\n").append("DUPLICATE EVENT IDS: count=").append(duplicateCount)
                        .append(" (each eventId must be stored once; listed: ").append(duplicates.size()).append(')');
                duplicates.forEach(duplicate -> text.append("\n  ").append(duplicate.describe()));
            }
            return text.toString();
        }

        private String describeDamage() {
            VerificationFailure failure = failure();
            if (failure.anchorSequence() >= 0) {
                return "DAMAGED: anchor=" + failure.anchorSequence() + " shard=" + failure.shard() + " field=" + field + ": "
                        + failure.message();
            }
            return "DAMAGED: shard=" + failure.shard() + " position=" + failure.position() + " field=" + field + ": "
                    + failure.message();
        }
    }

    public Report run(Connection connection, String schema) throws SQLException {
        PostgresLedgerReader reader = new PostgresLedgerReader(connection, schema);
        List<Anchor> anchors = reader.anchors();
        LedgerVerifier verifier = new LedgerVerifier(anchors);
        LedgerEntry[] lastRow = new LedgerEntry[1];
        byte[][] lastDigests = new byte[1][];
        reader.forEachEntry((entry, fieldDigests) -> {
            lastRow[0] = entry;
            lastDigests[0] = fieldDigests;
            return verifier.accept(entry);
        });
        VerificationResult result = verifier.finish();
        String field = result.ok() ? null : result.failure().field();
        if (!result.ok() && "hash".equals(field) && lastRow[0] != null && result.failure().anchorSequence() < 0) {
            String changed = digests.firstChangedField(lastRow[0], lastDigests[0]);
            if (changed != null) {
                field = changed;
            }
        }
        long duplicateCount = reader.duplicateEventIdCount();
        List<DuplicateEventId> duplicates = duplicateCount == 0 ? List.of() : reader.duplicateEventIds(MAX_DUPLICATES_LISTED);
        return new Report(result, anchors.size(), field, duplicateCount, duplicates);
    }
}
