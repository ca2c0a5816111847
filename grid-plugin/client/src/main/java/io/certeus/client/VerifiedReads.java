package io.certeus.client;

import com.hazelcast.map.IMap;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.model.Receipt;
import io.certeus.core.proof.InclusionProof;
import io.certeus.core.proof.ProofBuilder;
import io.certeus.core.retry.Poll;
import io.certeus.core.shard.Shards;
import io.certeus.core.verify.AnchorChainCheck;
import io.certeus.core.verify.ProofVerifier;
import io.certeus.core.verify.VerificationFailure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads that trust nothing the client cannot check, like immudb's verified reads. The client holds
 * the newest anchor it has verified, starting from one the caller trusts ({@link TrustedAnchor}: from
 * a published anchor export or an auditor, or {@link TrustedAnchor#trustOnFirstUse()}). Before it
 * believes a newer anchor it checks, anchor by anchor, that the newer one extends the one it holds
 * ({@link #advanceTo}: {@link AnchorChainCheck}, the audit's own anchor rules). Receipts and histories
 * come with inclusion proofs ({@link io.certeus.core.verify.ProofVerifier}) checked against that
 * anchor; a proof against an older anchor is checked against the hash the held anchor's chain of
 * {@code prevAnchorHash} links fixes for it ({@link #verify}).
 *
 * <p>What a success proves: the entry, with every field as returned, is at its (shard, position) in a
 * ledger whose anchor chain extends the trusted starting anchor without any shard moving backwards or
 * an unmoved shard changing its head. What it does not prove: who made the anchors (their Ed25519
 * signatures are in PostgreSQL only, not checked here: pin the members' public key with
 * {@code certeus verify --trusted-key}), that the grid shows every entry of a case (a history can
 * omit entries), or anything about entries chained after the newest anchor (listed as not anchored).
 * With {@link TrustedAnchor#trustOnFirstUse()} the starting anchor is itself unproven.
 *
 * <p>Cost: advancing reads every anchor after the held one (about 40 KB each, {@value #ANCHOR_CHUNK}
 * per request); a proof reads its shard's entries from the proven one to the anchored head.
 *
 * <p>Thread-safe: share one instance; the held anchor is replaced atomically and only by an anchor
 * verified to extend it (a thread that loses the race verifies again from the new one). Methods block
 * the calling thread (up to the client's receipt timeout while waiting for an anchor or an entry): do
 * not call them from Hazelcast's threads or callbacks.
 */
public final class VerifiedReads {
    /** Anchors read per getAll while walking the chain: ~1.3 MB at ~40 KB each. */
    static final int ANCHOR_CHUNK = 32;

    private final CerteusClient client;
    private final IMap<Long, Anchor> anchors;
    private final long timeoutMs;
    private final AtomicReference<Anchor> trusted;

    private VerifiedReads(CerteusClient client, Anchor start) {
        this.client = client;
        this.anchors = client.anchors();
        this.timeoutMs = client.settings().receiptTimeoutMs();
        this.trusted = new AtomicReference<>(start);
    }

    static VerifiedReads start(CerteusClient client, TrustedAnchor start) {
        Anchor anchor;
        if (start.isTrustOnFirstUse()) {
            anchor = await("an anchor to trust on first use", client.settings().receiptTimeoutMs(), client::latestAnchor);
        } else {
            anchor = client.anchors().get(start.sequence());
            if (anchor == null) {
                throw new VerificationException(start.sequence(), -1, -1, "sequence",
                        "the trusted anchor is not in the ledger: the ledger was cut back, or the anchor is another ledger's");
            }
            if (anchor.sequence() != start.sequence() || !start.hashEquals(anchor.anchorHash())) {
                throw new VerificationException(start.sequence(), -1, -1, "anchorHash",
                        "the ledger's anchor differs from the trusted one: found=" + Hashes.hex(anchor.anchorHash())
                                + ", trusted=" + Hashes.hex(start.anchorHash()));
            }
        }
        VerificationFailure malformed = new AnchorChainCheck().checkAlone(anchor);
        if (malformed != null) {
            throw VerificationException.of(malformed, anchor.sequence(), "the starting anchor does not verify");
        }
        return new VerifiedReads(client, anchor);
    }

    /** The newest anchor verified so far, as sequence and hash: store it to start from it after a restart. */
    public TrustedAnchor trusted() {
        Anchor anchor = trusted.get();
        return TrustedAnchor.of(anchor.sequence(), anchor.anchorHash());
    }

    /** The newest anchor verified so far, with its shard heads. */
    public Anchor trustedAnchor() {
        return trusted.get();
    }

    /** {@link #advanceTo} the grid's newest anchor; returns the anchor now held (unchanged when there is none newer). */
    public TrustedAnchor advanceToNewest() {
        Long newest = client.newestAnchorSequence();
        return newest == null ? trusted() : toTrusted(advanceTo(newest));
    }

    /**
     * Reads anchors {@code held + 1 .. sequence} and checks each extends its predecessor
     * ({@link AnchorChainCheck#checkSuccessor}); only when all do does anchor {@code sequence} become the
     * held one. Throws {@link VerificationException} naming the first anchor and field that do not
     * (the held anchor stays), or {@link CerteusClientException} when the grid has no anchor
     * {@code sequence}. A sequence at or below the held one changes nothing. Returns the anchor held
     * afterwards (another thread may have advanced it further).
     */
    public Anchor advanceTo(long sequence) {
        while (true) {
            Anchor from = trusted.get();
            if (from.sequence() >= sequence) {
                return from;
            }
            Anchor reached = verifyForward(from, sequence);
            if (trusted.compareAndSet(from, reached)) {
                return reached;
            }
            // Another thread moved the held anchor: verify again from there, never splice two walks.
        }
    }

    private Anchor verifyForward(Anchor from, long target) {
        AnchorChainCheck check = new AnchorChainCheck();
        Anchor previous = from;
        for (long chunkStart = from.sequence() + 1; chunkStart <= target; chunkStart += ANCHOR_CHUNK) {
            long chunkEnd = Math.min(target, chunkStart + ANCHOR_CHUNK - 1);
            Map<Long, Anchor> found = readAnchors(chunkStart, chunkEnd);
            for (long sequence = chunkStart; sequence <= chunkEnd; sequence++) {
                Anchor next = requireAnchor(found, sequence, target, false);
                VerificationFailure broken = check.checkSuccessor(previous, next);
                if (broken != null) {
                    throw VerificationException.of(broken, sequence, "anchor does not extend the trusted anchor "
                            + from.sequence());
                }
                previous = next;
            }
        }
        return previous;
    }

    /**
     * The hash of anchor {@code sequence} as the held anchor's chain fixes it: the held anchor's own when
     * it is that one; after advancing to it when it is newer; and for an older one, by walking
     * {@code prevAnchorHash} links down from the held anchor, each anchor on the way recomputing to the
     * hash its successor links to.
     */
    public TrustedAnchor verifiedAnchor(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("anchor sequence must be 0 or more: sequence=" + sequence);
        }
        Anchor held = trusted.get();
        if (sequence > held.sequence()) {
            held = advanceTo(sequence);
        }
        return sequence == held.sequence() ? toTrusted(held) : walkBack(held, sequence);
    }

    private TrustedAnchor walkBack(Anchor from, long target) {
        AnchorChainCheck check = new AnchorChainCheck();
        byte[] expected = from.prevAnchorHash();
        for (long chunkEnd = from.sequence() - 1; chunkEnd > target; chunkEnd -= ANCHOR_CHUNK) {
            long chunkStart = Math.max(target + 1, chunkEnd - ANCHOR_CHUNK + 1);
            Map<Long, Anchor> found = readAnchors(chunkStart, chunkEnd);
            for (long sequence = chunkEnd; sequence >= chunkStart; sequence--) {
                Anchor anchor = requireAnchor(found, sequence, from.sequence(), true);
                VerificationFailure forged = check.checkHash(anchor);
                if (forged != null) {
                    throw VerificationException.of(forged, sequence, "anchor between the proof's and the trusted one");
                }
                if (!Arrays.equals(expected, anchor.anchorHash())) {
                    throw new VerificationException(sequence, -1, -1, "anchorHash",
                            "anchor is not the one its successor links to: expected=" + Hashes.hex(expected) + ", found="
                                    + Hashes.hex(anchor.anchorHash()));
                }
                expected = anchor.prevAnchorHash();
            }
        }
        return TrustedAnchor.of(target, expected);
    }

    /**
     * Checks a proof (from {@link CerteusClient#proof}, a file, another party) against the chain the held
     * anchor fixes ({@link #verifiedAnchor} of its sequence). Returns the anchor it verified against;
     * throws {@link VerificationException} naming the field that does not hold.
     */
    public TrustedAnchor verify(InclusionProof proof) {
        TrustedAnchor against = verifiedAnchor(proof.anchorSequence());
        ProofVerifier.Result result = new ProofVerifier().verifyAgainst(proof, against.anchorHash());
        if (!result.anchored()) {
            throw new VerificationException(proof.anchorSequence(), proof.entry().shard(),
                    result.position() >= 0 ? result.position() : proof.entry().position(), result.field(),
                    "inclusion proof does not verify against the trusted anchor chain: " + result.failure());
        }
        return against;
    }

    /**
     * The event's receipt with a proof checked against the newest anchor: waits (up to the receipt
     * timeout) for the event to be chained and anchored and its segment committed, advancing the held
     * anchor to the newest (checked) on the way. Throws {@link VerificationException} when something
     * does not verify (e.g. an entry changed in the grid: {@code hash}), {@link CerteusTimeoutException}
     * when the event is not chained, anchored or readable in time (retryable).
     */
    public VerifiedReceipt receipt(UUID eventId) {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        Receipt located;
        try {
            located = client.receipt(eventId).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof CerteusClientException ? (CerteusClientException) e.getCause()
                    : new CerteusClientException("receipt lookup failed: eventId=" + eventId, e.getCause());
        }
        // The receipt only says where to look: the proof below checks the entry found there.
        InclusionProof proof = await("anchor covering eventId=" + eventId + ", shard=" + located.shard() + ", position="
                + located.position(), remainingMs(deadlineNs), () -> {
                    // Always the newest: the client keeps up with the chain, and a forged newer anchor shows at once.
                    Anchor anchor = advanceTo(newestOr(trusted.get()));
                    return anchor.shardSizes()[located.shard()] > located.position()
                            ? proofAgainst(anchor, located.shard(), located.position()) : null;
                });
        UUID proven = proof.entry().event().eventId();
        if (!proven.equals(eventId)) {
            throw new VerificationException(proof.anchorSequence(), located.shard(), located.position(), "eventId",
                    "the entry at the receipt's position holds another event: requested=" + eventId + ", found=" + proven);
        }
        return new VerifiedReceipt(Receipt.of(proof.entry()), proof, verify(proof));
    }

    /**
     * The case's history with every anchored entry proven against the newest anchor (the held anchor is
     * advanced to it first, checked). Entries chained after that anchor are returned marked not anchored
     * ({@link VerifiedHistory.Entry#anchored()} false), not trusted: wait for the next anchor and ask
     * again, or treat them as a failure. Each proof covers the entry exactly as the history returned it.
     * Throws {@link VerificationException} when an entry does not verify, {@link CerteusTimeoutException}
     * when the anchored entries are not all readable in time.
     */
    public VerifiedHistory history(String caseId) {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        List<LedgerEntry> entries = client.history(caseId);
        Anchor anchor = advanceTo(newestOr(trusted.get()));
        int shard = Shards.shardOf(caseId);
        long anchoredSize = anchor.shardSizes()[shard];
        long firstAnchored = -1;
        for (LedgerEntry entry : entries) {
            if (entry.shard() != shard || !caseId.equals(entry.event().caseId())) {
                throw new VerificationException(anchor.sequence(), entry.shard(), entry.position(), "caseId",
                        "history returned an entry of another case or shard: caseId=" + entry.event().caseId()
                                + ", expectedCaseId=" + caseId + ", expectedShard=" + shard);
            }
            if (entry.position() < anchoredSize && firstAnchored < 0) {
                firstAnchored = entry.position();
            }
        }
        List<LedgerEntry> segment = List.of();
        if (firstAnchored >= 0) {
            long from = firstAnchored;
            segment = await("anchored entries of caseId=" + caseId + ", shard=" + shard + ", from position=" + from
                    + ", anchorSequence=" + anchor.sequence(), remainingMs(deadlineNs),
                    () -> client.anchoredSegment(anchor, shard, from));
        }
        TrustedAnchor against = toTrusted(anchor);
        ProofBuilder builder = new ProofBuilder();
        ProofVerifier verifier = new ProofVerifier();
        List<VerifiedHistory.Entry> verified = new ArrayList<>(entries.size());
        Set<Long> seen = new HashSet<>();
        for (LedgerEntry entry : entries) {
            if (!seen.add(entry.position())) {
                throw new VerificationException(anchor.sequence(), shard, entry.position(), "position",
                        "history returned a position twice");
            }
            if (entry.position() >= anchoredSize) {
                verified.add(new VerifiedHistory.Entry(entry, null));
                continue;
            }
            int index = (int) (entry.position() - firstAnchored);
            List<LedgerEntry> proven = new ArrayList<>(segment.size() - index);
            proven.add(entry); // the entry as history returned it, followed by the ledger's chain to the head
            proven.addAll(segment.subList(index + 1, segment.size()));
            InclusionProof proof = build(builder, anchor, proven);
            ProofVerifier.Result result = verifier.verifyAgainst(proof, against.anchorHash());
            if (!result.anchored()) {
                throw new VerificationException(anchor.sequence(), shard,
                        result.position() >= 0 ? result.position() : entry.position(), result.field(),
                        "history entry does not verify against the trusted anchor: " + result.failure());
            }
            verified.add(new VerifiedHistory.Entry(entry, proof));
        }
        return new VerifiedHistory(caseId, verified, against);
    }

    /** A proof of the entry at {@code position} against {@code anchor}, or {@code null} while its segment is incomplete. */
    private InclusionProof proofAgainst(Anchor anchor, int shard, long position) {
        List<LedgerEntry> segment = client.anchoredSegment(anchor, shard, position);
        return segment == null ? null : build(new ProofBuilder(), anchor, segment);
    }

    private static InclusionProof build(ProofBuilder builder, Anchor anchor, List<LedgerEntry> segment) {
        try {
            return builder.build(anchor, segment);
        } catch (IllegalStateException e) {
            // ProofBuilder refuses a ledger head that differs from the one the (verified) anchor records.
            LedgerEntry head = segment.get(segment.size() - 1);
            throw new VerificationException(anchor.sequence(), head.shard(), head.position(), "headHashes",
                    "the ledger's head entry is not the one the trusted anchor records");
        }
    }

    private Map<Long, Anchor> readAnchors(long fromSequence, long toSequence) {
        Set<Long> keys = new HashSet<>();
        for (long sequence = fromSequence; sequence <= toSequence; sequence++) {
            keys.add(sequence);
        }
        return anchors.getAll(keys);
    }

    /**
     * The anchor read for {@code sequence}. A missing one is a gap in the chain when {@code upTo} (the
     * walk's far end) exists, or {@code upToVerified} says it did (the held anchor); otherwise the
     * caller asked for an anchor that is not there (yet).
     */
    private Anchor requireAnchor(Map<Long, Anchor> found, long sequence, long upTo, boolean upToVerified) {
        Anchor anchor = found.get(sequence);
        if (anchor == null) {
            if (!upToVerified && (sequence == upTo || !anchors.containsKey(upTo))) {
                throw new CerteusClientException("no anchor in the ledger at sequence=" + upTo);
            }
            throw new VerificationException(sequence, -1, -1, "sequence",
                    "anchor missing from the chain between the trusted anchor and anchor " + upTo);
        }
        if (anchor.sequence() != sequence) {
            throw new VerificationException(sequence, -1, -1, "sequence",
                    "anchor stored under another sequence: found=" + anchor.sequence());
        }
        return anchor;
    }

    private long newestOr(Anchor held) {
        Long newest = client.newestAnchorSequence();
        return newest == null ? held.sequence() : newest;
    }

    private static TrustedAnchor toTrusted(Anchor anchor) {
        return TrustedAnchor.of(anchor.sequence(), anchor.anchorHash());
    }

    private static long remainingMs(long deadlineNs) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime()));
    }

    private static <T> T await(String what, long timeoutMs, Poll.Probe<T, RuntimeException> probe) {
        try {
            return Poll.forValue(what, CerteusClient.PIPELINE_POLL, timeoutMs, probe);
        } catch (TimeoutException e) {
            throw new CerteusTimeoutException("not in time: waiting for " + what + ", timeoutMs=" + timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CerteusClientException("interrupted while waiting for " + what, e);
        }
    }
}
