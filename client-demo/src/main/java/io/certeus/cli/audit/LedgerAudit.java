package io.certeus.cli.audit;

import io.certeus.core.model.Anchor;
import io.certeus.core.verify.AnchorSignatureCheck;
import io.certeus.core.verify.LedgerVerifier;
import io.certeus.core.verify.PublishedAnchorCheck;
import io.certeus.core.verify.StoredAnchor;
import io.certeus.core.verify.StoredEntry;
import io.certeus.core.verify.VerificationFailure;
import io.certeus.core.verify.VerificationResult;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        private final AnchorSignatureCheck signatures;
        private final long uncovered;
        private final boolean requireAnchored;
        private final int publishedAnchors;
        private final long pendingRows;

        Report(long entries, VerificationFailure failure, int anchors, long duplicateCount, List<DuplicateEventId> duplicates,
                AnchorSignatureCheck signatures, long uncovered, boolean requireAnchored, int publishedAnchors, long pendingRows) {
            this.pendingRows = pendingRows;
            this.signatures = signatures;
            this.uncovered = uncovered;
            this.requireAnchored = requireAnchored;
            this.publishedAnchors = publishedAnchors;
            this.entries = entries;
            this.failure = failure;
            this.anchors = anchors;
            this.duplicateCount = duplicateCount;
            this.duplicates = List.copyOf(duplicates);
        }

        /** Chains and anchors verify, no eventId is stored twice, and (when required) every entry is anchored. */
        public boolean intact() {
            return failure == null && duplicateCount == 0 && !(requireAnchored && uncovered > 0);
        }

        /** Entries after the newest anchor: not yet protected by one. */
        public long uncoveredEntries() {
            return uncovered;
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
                return "VERIFIED: entries=" + entries() + " anchors=" + anchors + " uncovered=" + uncovered
                        + (publishedAnchors > 0 ? " published=" + publishedAnchors + " (all stored, identical)" : "") + " "
                        + describeSignatures() + describePending();
            }
            StringBuilder text = new StringBuilder();
            if (failure != null) {
                text.append(describeDamage());
            } else if (requireAnchored && uncovered > 0) {
                text.append("UNANCHORED: entries=").append(entries).append(" uncovered=").append(uncovered)
                        .append(": entries after the newest anchor are not protected by one yet (--require-anchored)");
            }
            if (duplicateCount > 0) {
                text.append(text.length() == 0 ? "" : "\n").append("DUPLICATE EVENT IDS: count=").append(duplicateCount)
                        .append(" (each eventId must be stored once; listed: ").append(duplicates.size()).append(')');
                duplicates.forEach(duplicate -> text.append("\n  ").append(duplicate.describe()));
            }
            return text.toString();
        }

        /**
         * Rows still parked outside the ledger (docs/POSTGRES.md, "Prefix order"): not damage, since the
         * ledger is whole without them, but after a crash they are events the grid acknowledged and lost.
         */
        private String describePending() {
            return pendingRows == 0 ? "" : " pending=" + pendingRows
                    + " (rows outside the ledger after a gap: acknowledged events lost in a crash, or still arriving)";
        }

        /** Rows in {@code ledger_pending}. */
        public long pendingRows() {
            return pendingRows;
        }

        /** {@code signed=N/M keys=[...] (trusted key | not checked against a trusted key)}. */
        private String describeSignatures() {
            if (signatures.signedAnchors() == 0 && !signatures.pinned()) {
                return "signed=0 (anchors not signed)";
            }
            String lost = signatures.signedButNeverStored() == 0 ? ""
                    : " signedButNeverStored=" + signatures.signedButNeverStored() + " (anchors signed, then lost in a crash before they were stored)";
            return "signed=" + signatures.signedAnchors() + "/" + anchors + " keys=" + signatures.signingKeys()
                    + (signatures.pinned() ? " (by a trusted key)" : " (not checked against a trusted key: give --trusted-key)") + lost;
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

    private final List<PublicKey> trustedKeys;
    private final Map<Long, byte[]> published;
    private final boolean requireAnchored;

    /** An audit that checks anchor signatures only against the keys they name (consistency, not origin). */
    public LedgerAudit() {
        this(List.of());
    }

    /** An audit that also requires every anchor to be signed by one of {@code trustedKeys}, obtained apart from the database. */
    public LedgerAudit(List<PublicKey> trustedKeys) {
        this(trustedKeys, Map.of(), false);
    }

    /**
     * @param trustedKeys     every anchor must be signed by one of these (none: signatures only checked against their own keys)
     * @param published       anchor hashes by sequence, published apart from the database: each must be stored, identical
     * @param requireAnchored entries after the newest anchor make the ledger fail (else they are only counted)
     */
    public LedgerAudit(List<PublicKey> trustedKeys, Map<Long, byte[]> published, boolean requireAnchored) {
        this.trustedKeys = List.copyOf(trustedKeys);
        this.published = Map.copyOf(published);
        this.requireAnchored = requireAnchored;
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
        AnchorSignatureCheck signatures = new AnchorSignatureCheck(trustedKeys);
        List<Anchor> decoded = new ArrayList<>();
        anchorRows.stream().filter(row -> row.anchor() != null).forEach(row -> decoded.add(row.anchor()));
        VerificationFailure signatureFailure = result.failure() == null ? signatures.check(decoded, reader.storedSignatures()) : null;
        VerificationFailure publishedFailure = result.failure() == null && signatureFailure == null
                ? PublishedAnchorCheck.check(published, decoded) : null;
        long uncovered = PublishedAnchorCheck.uncoveredEntries(result, decoded);
        long duplicateCount = reader.duplicateEventIdCount();
        List<DuplicateEventId> duplicates = duplicateCount == 0 ? List.of() : reader.duplicateEventIds(MAX_DUPLICATES_LISTED);
        VerificationFailure failure = result.failure() != null ? result.failure()
                : signatureFailure != null ? signatureFailure : publishedFailure;
        return new Report(result.entriesChecked(), failure, decoded.size(), duplicateCount, duplicates, signatures, uncovered,
                requireAnchored, published.size(), reader.pendingRows());
    }
}
