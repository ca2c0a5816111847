package io.certeus.core.validation;

/**
 * Why an event was refused. Names are stable: they are stored with rejected events and counted
 * in metrics.
 *
 * <p>Thread-safe: immutable.
 */
public enum RejectReason {
    MISSING_EVENT_ID,
    BAD_CASE_ID,
    UNKNOWN_TYPE,
    BAD_ACTOR,
    BAD_SOURCE_IP,
    BAD_DOCUMENT_HASH,
    BAD_PAYLOAD,
    PAYLOAD_TOO_LARGE,
    BAD_OCCURRED_AT,
    NOT_INGESTED,
    /** The ingest map key disagrees with the event (eventId or shard): written around the client API. */
    KEY_MISMATCH,
    /** An ingest-map entry that is not a CERTEUS batch (wrong key or value type, or undecodable): written around the client API. */
    FOREIGN_ENTRY,
    /** The eventId is already in the ledger with other content or under another case: an idempotency key reused. */
    EVENT_ID_CONFLICT
}
