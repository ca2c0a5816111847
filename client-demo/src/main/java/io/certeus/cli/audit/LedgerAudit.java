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
 * stored field digests.
 *
 * <p>Not thread-safe: one audit per instance.
 */
public final class LedgerAudit {
    private final FieldDigests digests = new FieldDigests();

    /** What the audit found. */
    public static final class Report {
        private final VerificationResult result;
        private final int anchors;
        private final String field;

        Report(VerificationResult result, int anchors, String field) {
            this.result = result;
            this.anchors = anchors;
            this.field = field;
        }

        public boolean intact() {
            return result.ok();
        }

        public long entries() {
            return result.entriesChecked();
        }

        public int anchors() {
            return anchors;
        }

        public VerificationFailure failure() {
            return result.failure();
        }

        /** The damaged field: the verifier's, narrowed from {@code hash} to the changed event field when known. */
        public String field() {
            return field;
        }

        /** One line for people: VERIFIED ... or DAMAGED: shard=.. position=.. field=..: why. */
        public String describe() {
            if (intact()) {
                return "VERIFIED: entries=" + entries() + " anchors=" + anchors;
            }
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
        return new Report(result, anchors.size(), field);
    }
}
