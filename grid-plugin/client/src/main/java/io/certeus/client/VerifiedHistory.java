package io.certeus.client;

import io.certeus.core.model.LedgerEntry;
import io.certeus.core.proof.InclusionProof;

import java.util.List;

/**
 * A case's history as {@link VerifiedReads#history} checked it: every entry the anchor covers came
 * with an inclusion proof that verified against that trusted anchor; entries chained after it are
 * listed as not yet anchored, with no proof: nothing vouches for them yet. A caller that needs every
 * entry proven waits for the next anchor and asks again, or treats {@link #allAnchored()} false as
 * a failure.
 *
 * <p>Thread-safe: immutable.
 */
public final class VerifiedHistory {
    private final String caseId;
    private final List<Entry> entries;
    private final TrustedAnchor verifiedAgainst;

    VerifiedHistory(String caseId, List<Entry> entries, TrustedAnchor verifiedAgainst) {
        this.caseId = caseId;
        this.entries = List.copyOf(entries);
        this.verifiedAgainst = verifiedAgainst;
    }

    /** One entry of the history and, when anchored, its verified proof. */
    public static final class Entry {
        private final LedgerEntry entry;
        private final InclusionProof proof;

        Entry(LedgerEntry entry, InclusionProof proof) {
            this.entry = entry;
            this.proof = proof;
        }

        public LedgerEntry entry() {
            return entry;
        }

        /** Whether the entry was proven against the trusted anchor; false for entries chained after it. */
        public boolean anchored() {
            return proof != null;
        }

        /** The verified proof, or {@code null} when not {@link #anchored()}. */
        public InclusionProof proof() {
            return proof;
        }
    }

    public String caseId() {
        return caseId;
    }

    /** The entries in position order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The anchor every proof verified against (the client's trusted anchor at the time). */
    public TrustedAnchor verifiedAgainst() {
        return verifiedAgainst;
    }

    /** Whether every entry was proven (none chained after the anchor). */
    public boolean allAnchored() {
        return entries.stream().allMatch(Entry::anchored);
    }

    /** How many entries are not yet covered by the anchor. */
    public int unanchoredCount() {
        return (int) entries.stream().filter(entry -> !entry.anchored()).count();
    }
}
