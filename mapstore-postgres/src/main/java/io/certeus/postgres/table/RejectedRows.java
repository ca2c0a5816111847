package io.certeus.postgres.table;

import io.certeus.core.model.Event;
import io.certeus.core.model.RejectedEvent;
import io.certeus.postgres.copy.PgCopyWriter;
import io.certeus.postgres.copy.TextChecks;
import io.certeus.postgres.copy.TextEscaper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The {@code rejected_event} table: one row per refused event (already bounded, see {@link RejectedEvent#bounded}). Rejected events may carry anything, so times are
 * kept as bigint microseconds (any long) and text that a text column cannot hold (NUL, unpaired
 * surrogates) is escaped with {@link TextEscaper}, the row flagged {@code text_escaped}.
 *
 * <p>Thread-safe: stateless; the writer it is given is not.
 */
public final class RejectedRows implements TableRows<UUID, RejectedEvent> {
    public static final String COLUMNS = "rejected_id, event_id, case_id, event_type, actor, source_ip, "
            + "document_hash, payload, occurred_at_micros, ingested_at_micros, reason_code, message, "
            + "rejected_at_micros, text_escaped, cut_fields";
    public static final int FIELD_COUNT = 15;

    @Override
    public String columns() {
        return COLUMNS;
    }

    @Override
    public RejectedEvent decode(ResultSet row) throws SQLException {
        boolean escaped = row.getBoolean("text_escaped");
        Event event = new Event(
                row.getObject("event_id", UUID.class),
                text(row, "case_id", escaped),
                text(row, "event_type", escaped),
                text(row, "actor", escaped),
                text(row, "source_ip", escaped),
                row.getBytes("document_hash"),
                row.getBytes("payload"),
                row.getLong("occurred_at_micros"),
                row.getLong("ingested_at_micros"));
        return new RejectedEvent(event, text(row, "reason_code", escaped), text(row, "message", escaped),
                row.getLong("rejected_at_micros"), row.getString("cut_fields"));
    }

    private static String text(ResultSet row, String column, boolean escaped) throws SQLException {
        String value = row.getString(column);
        return escaped ? TextEscaper.unescape(value) : value;
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
