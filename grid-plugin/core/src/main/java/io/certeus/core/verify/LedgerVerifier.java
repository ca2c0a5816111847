package io.certeus.core.verify;

import io.certeus.core.hash.CanonicalEncoding;
import io.certeus.core.hash.FieldDigests;
import io.certeus.core.hash.Hashes;
import io.certeus.core.model.Anchor;
import io.certeus.core.model.LedgerEntry;
import io.certeus.core.shard.Shards;
import io.certeus.core.validation.EventLimits;
import io.certeus.core.validation.EventValidator;
import io.certeus.core.validation.RejectReason;
import io.certeus.core.validation.Violation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies the ledger from any source of rows: give it the anchors first, then every ledger entry in
 * (shard, position) order, then call {@link #finish()}. Reports the first row or anchor that does
 * not verify, naming shard, position (or anchor sequence) and field. The one rule set for every
 * source: rows read from PostgreSQL ({@link #forStoredAnchors}, {@link #acceptStored}: also what a
 * row declares of itself) and entries held by the grid ({@link #accept}).
 *
 * <p>Checks: each anchor's Merkle root recomputes from its heads, its hash recomputes, it links to
 * the previous anchor and sequences have no gap; every shard starts at position 0 with no gap, each
 * entry's prevHash is its predecessor's hash and its hash recomputes from its fields (a changed byte
 * in any field shows as {@code hash}; a changed hash also breaks the successor's {@code prevHash});
 * the shard is the caseId's shard; every head an anchor records is a real entry with that hash.
 * Stored rows must also declare the hash version this verifier implements and match their field
 * digests; a stored anchor row must decode, declare that version and its real shard count, and the
 * first stored anchor is sequence 0 (a store keeps every anchor). A stored row whose hash verifies must
 * also hold an event the ledger job could have chained: the validate stage's rules under the widest
 * limits any configuration allows (a re-forged row with, say, an unknown type or a malformed caseId).
 *
 * <p>Not thread-safe: one verification per instance, fed from one thread.
 */
public final class LedgerVerifier {
    private final LedgerRules rules = new LedgerRules();
    private final AnchorChainCheck anchorChain = new AnchorChainCheck();
    private final FieldDigests digests = new FieldDigests();
    /** The widest limits a deployment can configure: a row beyond them was never accepted by any configuration. */
    private final EventValidator eventRules = new EventValidator(new EventLimits(
            (int) EventLimits.MAX_PAYLOAD_BYTES_SETTING.max(), (int) EventLimits.MAX_ACTOR_BYTES_SETTING.max()));
    private final Map<Integer, Map<Long, Expectation>> checkpoints = new HashMap<>();
    private final long[] nextPosition = new long[Shards.SHARD_COUNT];
    private final byte[][] lastHash = new byte[Shards.SHARD_COUNT][];
    private int currentShard = -1;
    private long entries;
    private long anchorsChecked;
    private VerificationFailure failure;

    /** Verifies {@code anchors} (any order) and remembers the heads they record for the chain check. */
    public LedgerVerifier(Collection<Anchor> anchors) {
        this(anchors, null);
    }

    /**
     * Verifies anchor rows as a store holds them (in sequence order): first what each row declares of
     * itself, then the anchors as {@link #LedgerVerifier(Collection)} does.
     */
    public static LedgerVerifier forStoredAnchors(List<StoredAnchor> rows) {
        List<Anchor> anchors = new ArrayList<>(rows.size());
        rows.stream().filter(row -> row.anchor() != null).forEach(row -> anchors.add(row.anchor()));
        return new LedgerVerifier(anchors, firstBadAnchorRow(rows));
    }

    private LedgerVerifier(Collection<Anchor> anchors, VerificationFailure rowFailure) {
        Arrays.fill(lastHash, Hashes.ZERO_HASH);
        failure = rowFailure;
        List<Anchor> ordered = new ArrayList<>(anchors);
        ordered.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        Anchor previous = null;
        for (Anchor anchor : ordered) {
            if (failure == null) {
                failure = anchorChain.check(anchor, previous);
            }
            if (failure != null) {
                return;
            }
            for (int shard = 0; shard < anchor.shardCount(); shard++) {
                long size = anchor.shardSizes()[shard];
                if (size > 0 && (previous == null || shard >= previous.shardCount() || previous.shardSizes()[shard] != size)) {
                    checkpoints.computeIfAbsent(shard, s -> new HashMap<>())
                            .put(size - 1, new Expectation(anchor.sequence(), anchor.head(shard).headHash()));
                }
            }
            previous = anchor;
            anchorsChecked++;
        }
    }

    private static VerificationFailure firstBadAnchorRow(List<StoredAnchor> rows) {
        if (!rows.isEmpty() && rows.get(0).sequence() != 0) {
            return VerificationFailure.anchor(rows.get(0).sequence(), VerificationFailure.NO_SHARD, "sequence",
                    "the first anchor row is not sequence 0: anchors before it are missing or renumbered");
        }
        for (StoredAnchor row : rows) {
            long sequence = row.sequence();
            if (row.anchor() == null) {
                return VerificationFailure.anchor(sequence, VerificationFailure.NO_SHARD, row.undecodableField(),
                        "anchor row does not decode: " + row.undecodableReason());
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

    /** Checks the next row; rows must come in (shard, position) order. Returns false once a failure is found. */
    public boolean accept(LedgerEntry row) {
        if (failure != null) {
            return false;
        }
        failure = check(row);
        entries++;
        return failure == null;
    }

    /**
     * Checks the next row as a store holds it: it must declare the hash version this verifier
     * implements, pass {@link #accept}, and match its field digests (a row that verifies but does not
     * match them had its locator altered). When its hash does not recompute, the digests name the
     * changed event field. Returns false once a failure is found.
     */
    public boolean acceptStored(StoredEntry row) {
        if (failure != null) {
            return false;
        }
        LedgerEntry entry = row.entry();
        if (row.hashVersion() != CanonicalEncoding.VERSION) {
            entries++;
            failure = VerificationFailure.entry(entry.shard(), entry.position(), "hash_version",
                    "row declares a hash version this verifier does not implement: hashVersion=" + row.hashVersion()
                            + ", supported=" + CanonicalEncoding.VERSION);
            return false;
        }
        if (!accept(entry)) {
            if ("hash".equals(failure.field()) && failure.anchorSequence() < 0) {
                String changed = digests.firstChangedField(entry, row.fieldDigests());
                if (changed != null) {
                    failure = VerificationFailure.entry(entry.shard(), entry.position(), changed, failure.message());
                }
            }
            return false;
        }
        if (row.fieldDigests() != null && !Arrays.equals(row.fieldDigests(), digests.digest(entry))) {
            failure = VerificationFailure.entry(entry.shard(), entry.position(), "field_digests",
                    "the row verifies but its stored field digests do not match its fields: the locator was altered");
            return false;
        }
        // A correct hash only shows the row was not changed after hashing; the chain does not show that
        // the job chained it. Whoever re-forges a chain can hash anything, but not an event validation refuses.
        Violation broken = eventRules.validateIngested(entry.event());
        if (broken != null) {
            failure = VerificationFailure.entry(entry.shard(), entry.position(), fieldOf(broken.reason()),
                    "the row's hash verifies but it holds an event the ledger job never chains: " + broken.message());
            return false;
        }
        return true;
    }

    private static String fieldOf(RejectReason reason) {
        switch (reason) {
            case MISSING_EVENT_ID:
                return "eventId";
            case BAD_CASE_ID:
                return "caseId";
            case UNKNOWN_TYPE:
                return "type";
            case BAD_ACTOR:
                return "actor";
            case BAD_SOURCE_IP:
                return "sourceIp";
            case BAD_DOCUMENT_HASH:
                return "documentHash";
            case BAD_PAYLOAD:
            case PAYLOAD_TOO_LARGE:
                return "payload";
            case BAD_OCCURRED_AT:
                return "occurredAt";
            case NOT_INGESTED:
                return "ingestedAt";
            default:
                return "event";
        }
    }

    /** A stored row that does not decode into an entry; {@code field} names the column at fault. Always false. */
    public boolean rejectUndecodable(int shard, long position, String field, String reason) {
        if (failure == null) {
            entries++;
            failure = VerificationFailure.entry(shard, position, field, "row does not decode: " + reason);
        }
        return false;
    }

    private VerificationFailure check(LedgerEntry row) {
        int shard = row.shard();
        long position = row.position();
        if (shard < 0 || shard >= Shards.SHARD_COUNT) {
            return VerificationFailure.entry(shard, position, "shard", "shard out of range: shard=" + shard);
        }
        if (shard < currentShard) {
            return VerificationFailure.entry(shard, position, "shard", "rows not in shard order: previousShard="
                    + currentShard);
        }
        currentShard = shard;
        if (position != nextPosition[shard]) {
            return VerificationFailure.entry(shard, position, "position", "gap or repeat in the shard chain: expected="
                    + nextPosition[shard] + ", found=" + position);
        }
        if (!Arrays.equals(lastHash[shard], row.prevHash())) {
            return rules.checkEntry(row, lastHash[shard]);
        }
        String caseId = row.event().caseId();
        if (caseId == null || Shards.shardOf(caseId) != shard) {
            return VerificationFailure.entry(shard, position, "caseId", "caseId does not belong to the shard: caseId=" + caseId);
        }
        VerificationFailure broken = rules.checkEntry(row, lastHash[shard]);
        if (broken != null) {
            return broken;
        }
        Map<Long, Expectation> shardCheckpoints = checkpoints.get(shard);
        if (shardCheckpoints != null) {
            Expectation expected = shardCheckpoints.remove(position);
            if (expected != null && !Arrays.equals(expected.headHash, row.hash())) {
                return VerificationFailure.anchor(expected.sequence, shard, "headHashes",
                        "anchor head differs from the ledger entry at position " + position);
            }
        }
        nextPosition[shard] = position + 1;
        lastHash[shard] = row.hash();
        return null;
    }

    /** Ends the run: anchors must not record heads beyond the rows given. */
    public VerificationResult finish() {
        if (failure == null) {
            // The earliest anchor (then lowest shard) that records a missing head, whatever the maps' order.
            Expectation first = null;
            int firstShard = -1;
            long firstPosition = -1;
            for (Map.Entry<Integer, Map<Long, Expectation>> shard : checkpoints.entrySet()) {
                for (Map.Entry<Long, Expectation> missing : shard.getValue().entrySet()) {
                    Expectation expected = missing.getValue();
                    if (first == null || expected.sequence < first.sequence
                            || expected.sequence == first.sequence && shard.getKey() < firstShard) {
                        first = expected;
                        firstShard = shard.getKey();
                        firstPosition = missing.getKey();
                    }
                }
            }
            if (first != null) {
                failure = VerificationFailure.anchor(first.sequence, firstShard, "shardSizes",
                        "anchor records a head the ledger does not have: position=" + firstPosition
                                + ", shardLength=" + nextPosition[firstShard]);
            }
        }
        return new VerificationResult(entries, anchorsChecked, nextPosition.clone(), failure);
    }

    private static final class Expectation {
        final long sequence;
        final byte[] headHash;

        Expectation(long sequence, byte[] headHash) {
            this.sequence = sequence;
            this.headHash = headHash;
        }
    }
}
