package io.certeus.cli.audit;

import io.certeus.core.verify.VerificationFailure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One kind of change to a stored ledger, and what the audit must say about it: from the database
 * alone, with the operator's public key pinned ({@code --trusted-key}), and with the anchors
 * published before the change ({@code --published}). Unless a case says otherwise, the trusted key
 * and the published anchors change nothing (chain and anchor damage is reported first).
 *
 * <p>Thread-safe: immutable.
 */
final class Tamper {
    /** The change, made as a database administrator would. */
    @FunctionalInterface
    interface Change {
        void apply(Attacker attacker) throws Exception;
    }

    private final String name;
    private final Change change;
    private final Verdict databaseOnly;
    private final Verdict withTrustedKey;
    private final Verdict withPublished;

    private Tamper(String name, Change change, Verdict databaseOnly, Verdict withTrustedKey, Verdict withPublished) {
        this.name = name;
        this.change = change;
        this.databaseOnly = databaseOnly;
        this.withTrustedKey = withTrustedKey;
        this.withPublished = withPublished;
    }

    /** A change every audit reports alike. */
    static Tamper of(String name, Verdict verdict, Change change) {
        return new Tamper(name, change, verdict, verdict, verdict);
    }

    Tamper withTrustedKey(Verdict verdict) {
        return new Tamper(name, change, databaseOnly, verdict, withPublished);
    }

    Tamper withPublished(Verdict verdict) {
        return new Tamper(name, change, databaseOnly, withTrustedKey, verdict);
    }

    void apply(Attacker attacker) throws Exception {
        change.apply(attacker);
    }

    Verdict databaseOnly() {
        return databaseOnly;
    }

    Verdict withTrustedKey() {
        return withTrustedKey;
    }

    Verdict withPublished() {
        return withPublished;
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * What an audit report must say: intact, or the first damage with its shard and position (or
     * anchor sequence) and field, and how many eventIds are stored twice (with where, for one).
     */
    static final class Verdict {
        private final boolean intact;
        private final int shard;
        private final long position;
        private final long anchorSequence;
        private final String field;
        private final long duplicateCount;
        private final long[] duplicateAt;

        private Verdict(boolean intact, int shard, long position, long anchorSequence, String field, long duplicateCount,
                long[] duplicateAt) {
            this.intact = intact;
            this.shard = shard;
            this.position = position;
            this.anchorSequence = anchorSequence;
            this.field = field;
            this.duplicateCount = duplicateCount;
            this.duplicateAt = duplicateAt;
        }

        /** Nothing found: for a change that check cannot see (a limit the case documents). */
        static Verdict verified() {
            return new Verdict(true, 0, -1, -1, null, 0, null);
        }

        static Verdict entry(int shard, long position, String field) {
            return new Verdict(false, shard, position, -1, field, 0, null);
        }

        static Verdict anchor(long sequence, String field) {
            return anchor(sequence, VerificationFailure.NO_SHARD, field);
        }

        static Verdict anchor(long sequence, int shard, String field) {
            return new Verdict(false, shard, -1, sequence, field, 0, null);
        }

        /** Chains and anchors verify, but one eventId is stored at these two (shard, position)s, in that order. */
        static Verdict duplicateEventId(int shard, long position, int otherShard, long otherPosition) {
            return new Verdict(false, 0, -1, -1, null, 1, new long[] {shard, position, otherShard, otherPosition});
        }

        /** This damage, and {@code count} eventIds stored twice besides. */
        Verdict withDuplicates(long count) {
            return new Verdict(intact, shard, position, anchorSequence, field, count, duplicateAt);
        }

        void assertMatches(LedgerAudit.Report report, String audit) {
            String context = audit + ": " + report.describe();
            assertThat(report.intact()).as("intact? %s", context).isEqualTo(intact);
            assertThat(report.duplicateEventIdCount()).as("duplicate eventIds, %s", context).isEqualTo(duplicateCount);
            if (duplicateAt != null) {
                DuplicateEventId duplicate = report.duplicateEventIds().get(0);
                assertThat(new long[] {duplicate.shard(0), duplicate.position(0), duplicate.shard(1), duplicate.position(1)})
                        .as("where the eventId is stored, %s", context).containsExactly(duplicateAt);
            }
            VerificationFailure failure = report.failure();
            if (field == null) {
                assertThat(failure).as("no chain or anchor damage, %s", context).isNull();
                return;
            }
            assertThat(failure).as("damage, %s", context).isNotNull();
            assertThat(failure.field()).as("field, %s", context).isEqualTo(field);
            assertThat(failure.shard()).as("shard, %s", context).isEqualTo(shard);
            assertThat(failure.position()).as("position, %s", context).isEqualTo(position);
            assertThat(failure.anchorSequence()).as("anchor, %s", context).isEqualTo(anchorSequence);
        }

        @Override
        public String toString() {
            if (intact) {
                return "VERIFIED";
            }
            if (field == null) {
                return "DUPLICATE eventId";
            }
            return anchorSequence >= 0 ? "anchor=" + anchorSequence + (shard >= 0 ? " shard=" + shard : "") + " field=" + field
                    : "shard=" + shard + " position=" + position + " field=" + field;
        }
    }
}
