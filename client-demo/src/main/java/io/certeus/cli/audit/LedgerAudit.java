package io.certeus.cli.audit;

import io.certeus.core.hash.CanonicalEncoding;
import io.certeus.core.hash.FieldDigests;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;
import io.certeus.pipeline.verify.LedgerVerifier;
import io.certeus.pipeline.verify.VerificationFailure;
import io.certeus.pipeline.verify.VerificationResult;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The offline audit of a PostgreSQL ledger: every anchor and every shard chain verified from the
 * rows alone; every row must declare the hash version this verifier implements; a row whose hash no
 * longer recomputes is narrowed down to the changed field with its stored field digests, and a row
 * that verifies must still match its stored digests (else the locator itself was altered); and no
 * eventId may be stored twice (at two (shard, position) rows), which a correct chain alone does not show.
 *
 * <p>Not thread-safe: one audit per instance.
 */
public final class LedgerAudit {
    /** Duplicate eventIds listed in a report; the report also gives how many there are in all. */
    public static final int MAX_DUPLICATES_LISTED = 20;

    private final FieldDigests digests = new FieldDigests();

    /** What the audit found. */
    public static final class Report {
        private final long entries;
        private final VerificationFailure failure;
        private final int anchors;
        private final String field;
        private final long duplicateCount;
        private final List<DuplicateEventId> duplicates;

        Report(long entries, VerificationFailure failure, int anchors, String field, long duplicateCount,
                List<DuplicateEventId> duplicates) {
            this.entries = entries;
            this.failure = failure;
            this.anchors = anchors;
            this.field = field;
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
                return "DAMAGED: anchor=" + failure.anchorSequence() + shard + " field=" + field + ": " + failure.message();
            }
            return "DAMAGED: shard=" + failure.shard() + " position=" + failure.position() + " field=" + field + ": "
                    + failure.message();
        }
    }

    public Report run(Connection connection, String schema) throws SQLException {
        PostgresLedgerReader reader = new PostgresLedgerReader(connection, schema);
        List<PostgresLedgerReader.StoredAnchor> stored = reader.storedAnchors();
        VerificationFailure[] rowFailure = {firstBadAnchorRow(stored)};
        List<Anchor> anchors = new ArrayList<>(stored.size());
        stored.stream().filter(row -> row.anchor() != null).forEach(row -> anchors.add(row.anchor()));
        LedgerVerifier verifier = new LedgerVerifier(anchors);
        LedgerEntry[] lastRow = new LedgerEntry[1];
        byte[][] lastDigests = new byte[1][];
        if (rowFailure[0] == null) {
            reader.forEachEntry(new PostgresLedgerReader.RowConsumer() {
                @Override
                public boolean accept(LedgerEntry entry, int hashVersion, byte[] fieldDigests) {
                    lastRow[0] = entry;
                    lastDigests[0] = fieldDigests;
                    if (hashVersion != CanonicalEncoding.VERSION) {
                        rowFailure[0] = VerificationFailure.entry(entry.shard(), entry.position(), "hash_version",
                                "row declares a hash version this verifier does not implement: hashVersion=" + hashVersion
                                        + ", supported=" + CanonicalEncoding.VERSION);
                        return false;
                    }
                    if (!verifier.accept(entry)) {
                        return false;
                    }
                    if (fieldDigests != null && !Arrays.equals(fieldDigests, digests.digest(entry))) {
                        rowFailure[0] = VerificationFailure.entry(entry.shard(), entry.position(), "field_digests",
                                "the row verifies but its stored field digests do not match its fields: the locator was altered");
                        return false;
                    }
                    return true;
                }

                @Override
                public boolean unreadable(int shard, long position, String field, String reason) {
                    rowFailure[0] = VerificationFailure.entry(shard, position, field, "row does not decode: " + reason);
                    return false;
                }
            });
        }
        VerificationResult result = verifier.finish();
        VerificationFailure failure = rowFailure[0] != null ? rowFailure[0] : result.failure();
        String field = failure == null ? null : failure.field();
        if (rowFailure[0] == null && failure != null && "hash".equals(field) && lastRow[0] != null && failure.anchorSequence() < 0) {
            String changed = digests.firstChangedField(lastRow[0], lastDigests[0]);
            if (changed != null) {
                field = changed;
            }
        }
        long duplicateCount = reader.duplicateEventIdCount();
        List<DuplicateEventId> duplicates = duplicateCount == 0 ? List.of() : reader.duplicateEventIds(MAX_DUPLICATES_LISTED);
        return new Report(result.entriesChecked(), failure, anchors.size(), field, duplicateCount, duplicates);
    }

    /**
     * What the anchor rows say of themselves, before the chain of anchors is checked: PostgreSQL keeps
     * every anchor, so the first is sequence 0; every row declares the hash version this verifier
     * implements and the shard count its sizes and heads have.
     */
    private static VerificationFailure firstBadAnchorRow(List<PostgresLedgerReader.StoredAnchor> stored) {
        if (!stored.isEmpty() && stored.get(0).sequence() != 0) {
            return VerificationFailure.anchor(stored.get(0).sequence(), VerificationFailure.NO_SHARD, "sequence",
                    "the first anchor row is not sequence 0: anchors before it are missing or renumbered");
        }
        for (PostgresLedgerReader.StoredAnchor row : stored) {
            long sequence = row.sequence();
            if (row.anchor() == null) {
                return VerificationFailure.anchor(sequence, VerificationFailure.NO_SHARD, row.unreadableField(),
                        "anchor row does not decode: " + row.unreadableReason());
            }
            if (row.hashVersion() != CanonicalEncoding.VERSION) {
                return VerificationFailure.anchor(sequence, VerificationFailure.NO_SHARD, "hash_version",
                        "anchor row declares a hash version this verifier does not implement: hashVersion=" + row.hashVersion()
                                + ", supported=" + CanonicalEncoding.VERSION);
            }
            if (row.declaredShardCount() != row.anchor().shardCount()) {
                return VerificationFailure.anchor(sequence, VerificationFailure.NO_SHARD, "shard_count",
                        "anchor row's shard_count disagrees with its sizes and heads: shardCount=" + row.declaredShardCount()
                                + ", shards=" + row.anchor().shardCount());
            }
        }
        return null;
    }
}
