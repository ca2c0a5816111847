package io.certeus.cli.audit;

import io.certeus.core.verify.LedgerVerifier;
import io.certeus.core.verify.StoredAnchor;
import io.certeus.core.verify.StoredEntry;
import io.certeus.core.verify.VerificationFailure;
import io.certeus.core.verify.VerificationResult;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The offline audit of a PostgreSQL ledger: every anchor row and every ledger row, read through the
 * tables' descriptors ({@code AnchorRows}, {@code LedgerRows}), checked by the one rule set
 * ({@link LedgerVerifier}: chains, anchors, and what each row declares of itself); and no eventId
 * may be stored twice (at two (shard, position) rows), which a correct chain alone does not show.
 *
 * <p>Not thread-safe: one audit per instance.
 */
public final class LedgerAudit {
    /** Duplicate eventIds listed in a report; the report also gives how many there are in all. */
    public static final int MAX_DUPLICATES_LISTED = 20;

    /** What the audit found. */
    public static final class Report {
        private final long entries;
        private final VerificationFailure failure;
        private final int anchors;
        private final long duplicateCount;
        private final List<DuplicateEventId> duplicates;

        Report(long entries, VerificationFailure failure, int anchors, long duplicateCount, List<DuplicateEventId> duplicates) {
            this.entries = entries;
            this.failure = failure;
            this.anchors = anchors;
            this.duplicateCount = duplicateCount;
            this.duplicates = List.copyOf(duplicates);
        }

        /** Chains and anchors verify and no eventId is stored twice. */
        public boolean intact() {
            return failure == null && duplicateCount == 0;
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
            return entries;
        }

        public int anchors() {
            return anchors;
        }

        /** The first chain or anchor failure; {@code null} when they verify (duplicates are reported apart). */
        public VerificationFailure failure() {
            return failure;
        }

        /** The damaged field (narrowed from {@code hash} to the changed event field when the row's digests tell); {@code null} when intact. */
        public String field() {
            return failure == null ? null : failure.field();
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
            if (failure != null) {
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
            if (failure.anchorSequence() >= 0) {
                String shard = failure.shard() == VerificationFailure.NO_SHARD ? "" : " shard=" + failure.shard();
                return "DAMAGED: anchor=" + failure.anchorSequence() + shard + " field=" + field() + ": " + failure.message();
            }
            return "DAMAGED: shard=" + failure.shard() + " position=" + failure.position() + " field=" + field() + ": "
                    + failure.message();
        }
    }

    public Report run(Connection connection, String schema) throws SQLException {
        PostgresLedgerReader reader = new PostgresLedgerReader(connection, schema);
        List<StoredAnchor> anchorRows = reader.storedAnchors();
        LedgerVerifier verifier = LedgerVerifier.forStoredAnchors(anchorRows);
        reader.forEachEntry(new PostgresLedgerReader.RowConsumer() {
            @Override
            public boolean accept(StoredEntry row) {
                return verifier.acceptStored(row);
            }

            @Override
            public boolean undecodable(int shard, long position, String field, String reason) {
                return verifier.rejectUndecodable(shard, position, field, reason);
            }
        });
        VerificationResult result = verifier.finish();
        long duplicateCount = reader.duplicateEventIdCount();
        List<DuplicateEventId> duplicates = duplicateCount == 0 ? List.of() : reader.duplicateEventIds(MAX_DUPLICATES_LISTED);
        int anchors = (int) anchorRows.stream().filter(row -> row.anchor() != null).count();
        return new Report(result.entriesChecked(), result.failure(), anchors, duplicateCount, duplicates);
    }
}
