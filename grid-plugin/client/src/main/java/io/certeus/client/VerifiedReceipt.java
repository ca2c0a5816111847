package io.certeus.client;

import io.certeus.core.model.Receipt;
import io.certeus.core.proof.InclusionProof;

/**
 * A receipt whose inclusion proof verified against an anchor the client trusts (directly, or by a
 * chain of anchor hashes from it): the event is in the ledger that anchor commits to.
 *
 * <p>Thread-safe: immutable.
 */
public final class VerifiedReceipt {
    private final Receipt receipt;
    private final InclusionProof proof;
    private final TrustedAnchor verifiedAgainst;

    VerifiedReceipt(Receipt receipt, InclusionProof proof, TrustedAnchor verifiedAgainst) {
        this.receipt = receipt;
        this.proof = proof;
        this.verifiedAgainst = verifiedAgainst;
    }

    public Receipt receipt() {
        return receipt;
    }

    /** The proof that verified; it also verifies offline against {@link #verifiedAgainst()}. */
    public InclusionProof proof() {
        return proof;
    }

    /** The anchor (sequence and hash) the proof verified against: the proof's own anchor, as the trusted chain fixes it. */
    public TrustedAnchor verifiedAgainst() {
        return verifiedAgainst;
    }

    @Override
    public String toString() {
        return "VerifiedReceipt{" + receipt + ", anchor=" + verifiedAgainst + '}';
    }
}
