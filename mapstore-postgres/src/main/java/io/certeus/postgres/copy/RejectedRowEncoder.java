package io.certeus.postgres.copy;

import io.certeus.core.model.Event;
import io.certeus.core.model.RejectedEvent;

import java.sql.SQLException;
import java.util.UUID;

/**
 * One {@code rejected_event} row per refused event (already bounded, see {@link RejectedEvent#bounded}). Rejected events may carry anything, so times are
 * kept as bigint microseconds (any long) and text that a text column cannot hold (NUL, unpaired
 * surrogates) is escaped with {@link TextEscaper}, the row flagged {@code text_escaped}.
 *
 * <p>Thread-safe: stateless; the writer it is given is not.
 */
public final class RejectedRowEncoder implements RowEncoder<UUID, RejectedEvent> {
    public static final String COLUMNS = "rejected_id, event_id, case_id, event_type, actor, source_ip, "
            + "document_hash, payload, occurred_at_micros, ingested_at_micros, reason_code, message, "
            + "rejected_at_micros, text_escaped, cut_fields";
    public static final int FIELD_COUNT = 15;

    @Override
    public String columns() {
        return COLUMNS;
    }

    @Override
    public void encode(UUID key, RejectedEvent rejected, PgCopyWriter out) throws SQLException {
        Event event = rejected.event();
        boolean escape = needsEscape(event.caseId()) || needsEscape(event.type()) || needsEscape(event.actor())
                || needsEscape(event.sourceIp()) || needsEscape(rejected.reasonCode()) || needsEscape(rejected.message());
        out.beginRow(FIELD_COUNT);
        out.putUuid(key);
        out.putUuid(event.eventId());
        out.putText("case_id", text(event.caseId(), escape));
        out.putText("event_type", text(event.type(), escape));
        out.putText("actor", text(event.actor(), escape));
        out.putText("source_ip", text(event.sourceIp(), escape));
        out.putBytes(event.documentHash());
        out.putBytes(event.payload());
        out.putInt8(event.occurredAtMicros());
        out.putInt8(event.ingestedAtMicros());
        out.putText("reason_code", text(rejected.reasonCode(), escape));
        out.putText("message", text(rejected.message(), escape));
        out.putInt8(rejected.rejectedAtMicros());
        out.putBool(escape);
        out.putText("cut_fields", rejected.cutFields());
        out.endRow();
    }

    @Override
    public String describeKey(UUID key) {
        return "rejectedId=" + key;
    }

    private static boolean needsEscape(String value) {
        return value != null && TextChecks.problem(value) != null;
    }

    private static String text(String value, boolean escape) {
        return escape ? TextEscaper.escape(value) : value;
    }
}
