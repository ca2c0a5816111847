package io.certeus.core.hash;

import io.certeus.core.model.Event;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * What makes two submissions of one eventId the same event: every field but the ingest time
 * (which the grid stamps per submission). Used by idempotency: a resend with the same content is a
 * repeat, one with other content is a conflict.
 *
 * <p>The fingerprint is the first 8 bytes of SHA-256 over the canonical encoding of those fields,
 * so accidental collisions are negligible; a client that crafts one only gets its own different
 * resend dropped as a repeat.
 *
 * <p>Not thread-safe: holds an encoder and a digest; one instance per thread. {@link #same} is static and thread-safe.
 */
public final class EventContent {
    /** Canonical fields 0..7: eventId to occurredAt; field 8, ingestedAt, is left out. */
    private static final int CONTENT_FIELDS = CanonicalEncoder.ENTRY_EVENT_FIELDS.length - 1;

    private final CanonicalEncoder encoder = new CanonicalEncoder();
    private final MessageDigest sha256 = Hashes.newSha256();

    /** A 64-bit fingerprint of {@code event}'s content (all fields but the ingest time). */
    public long fingerprint(Event event) {
        encoder.encodeEntry(0, 0, Hashes.ZERO_HASH, event);
        int start = encoder.entryFieldStart(0);
        sha256.reset();
        sha256.update(encoder.array(), start, encoder.entryFieldEnd(CONTENT_FIELDS - 1) - start);
        byte[] digest = sha256.digest();
        long fingerprint = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            fingerprint = (fingerprint << 8) | (digest[i] & 0xFF);
        }
        return fingerprint;
    }

    /** True when {@code a} and {@code b} carry the same content (every field but the ingest time). */
    public static boolean same(Event a, Event b) {
        return Objects.equals(a.eventId(), b.eventId())
                && Objects.equals(a.caseId(), b.caseId())
                && Objects.equals(a.type(), b.type())
                && Objects.equals(a.actor(), b.actor())
                && Objects.equals(a.sourceIp(), b.sourceIp())
                && Arrays.equals(a.documentHash(), b.documentHash())
                && Arrays.equals(a.payload(), b.payload())
                && a.occurredAtMicros() == b.occurredAtMicros();
    }
}
