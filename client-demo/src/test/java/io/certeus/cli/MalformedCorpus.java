package io.certeus.cli;

import io.certeus.cli.json.LineRefusal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * A generated append input: malformed lines of many classes (bad and non-canonical UUIDs, IPs with
 * non-ASCII digits, timestamps out of range and at the extremes, duplicate keys, invalid UTF-8,
 * control, C1 and bidi characters, oversize fields, wrong JSON types, truncated JSON, carriage
 * returns inside lines ...) interleaved with valid lines, each with the reason it must be refused
 * for, or the eventId and exact payload bytes it must be stored with.
 *
 * <p>Not thread-safe: build once, then read.
 */
final class MalformedCorpus {
    /** A line that must be refused: the class it came from and the reason the report must give. */
    static final class Refused {
        final String kind;
        final String reason;

        Refused(String kind, String reason) {
            this.kind = kind;
            this.reason = reason;
        }
    }

    /** A line that must be stored once, with these bytes as its payload. */
    static final class Stored {
        final String kind;
        final UUID eventId;
        final byte[] payload;

        Stored(String kind, UUID eventId, byte[] payload) {
            this.kind = kind;
            this.eventId = eventId;
            this.payload = payload;
        }
    }

    private static final String MALFORMED = LineRefusal.MALFORMED;
    private static final byte[] LF = {'\n'};

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Map<Long, Refused> refused = new LinkedHashMap<>();
    private final Map<Long, Stored> stored = new LinkedHashMap<>();
    private final List<String> kinds = new ArrayList<>();
    private final Random random;
    private long lineNumber;
    private int validSerial;

    private MalformedCorpus(long seed) {
        this.random = new Random(seed);
    }

    /**
     * At least {@code malformedLines} refused lines, cycling through every class, with a valid line
     * after every {@code validEvery} refused ones; {@code withHugeLines} adds lines over the reader's
     * size limit (megabytes each).
     */
    static MalformedCorpus generate(long seed, int malformedLines, int validEvery, boolean withHugeLines) {
        MalformedCorpus corpus = new MalformedCorpus(seed);
        List<Function<MalformedCorpus, byte[]>> malformed = corpus.malformedClasses();
        List<String> reasons = corpus.kinds;
        int produced = 0;
        while (produced < malformedLines) {
            for (int k = 0; k < malformed.size() && produced < malformedLines; k++) {
                corpus.refusedLine(reasons.get(k), malformed.get(k));
                produced++;
                if (produced % validEvery == 0) {
                    corpus.validLine();
                }
            }
        }
        if (withHugeLines) {
            corpus.refused(("{\"caseId\":\"CIV-000001\",\"type\":\"CASE_CREATED\",\"actor\":\"" + "A".repeat(10 * 1024 * 1024)
                    + "\",\"payload\":{}}").getBytes(StandardCharsets.US_ASCII), "oversize line (10 MB actor)", MALFORMED);
            corpus.validLine();
        }
        corpus.validLine();
        return corpus;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    Map<Long, Refused> refused() {
        return refused;
    }

    Map<Long, Stored> stored() {
        return stored;
    }

    /** Names of the malformed classes, as {@code kind:REASON}. */
    List<String> kinds() {
        return kinds;
    }

    // ---- building blocks ----

    private void refusedLine(String kindAndReason, Function<MalformedCorpus, byte[]> line) {
        int colon = kindAndReason.lastIndexOf(':');
        refused(line.apply(this), kindAndReason.substring(0, colon), kindAndReason.substring(colon + 1));
    }

    private void refused(byte[] line, String kind, String reason) {
        lineNumber++;
        refused.put(lineNumber, new Refused(kind, reason));
        write(line, LF);
    }

    /** A valid line of one of several shapes; some are preceded by a blank line or use CRLF or a lone CR. */
    private void validLine() {
        int shape = validSerial++ % 8;
        UUID eventId = new UUID(random.nextLong(), random.nextLong());
        String id = shape == 3 ? eventId.toString().toUpperCase() : eventId.toString();
        String payload;
        String line;
        switch (shape) {
            case 0:
                payload = "{\"step\": " + validSerial + ", \"note\":\"na\u00efve \u2603 \\u0000 ok\"}";
                line = event(id, "\"CIV-000001\"", "\"clerk\"", payload, "\"2026-03-01T10:00:00Z\"");
                break;
            case 1:
                payload = "{\"a\":[1,{\"b\":null}],\"c\":{\"a\":2}}";
                line = "{\"eventId\":\"" + id + "\",\"caseId\":\"CIV-000002\",\"type\":\"CASE_UPDATED\",\"actor\":\"Zo\u00eb \uD83E\uDD89\","
                        + "\"sourceIp\":\"2001:db8::8a2e:370:7334\",\"documentHash\":\"" + "ab".repeat(32) + "\",\"payload\":" + payload
                        + ",\"occurredAt\":\"9999-12-31T23:59:59.999999Z\"}";
                break;
            case 2:
                payload = "{}";
                line = event(id, "\"CIV-000003\"", "\"clerk\"", payload, "\"1970-01-01T00:00:00Z\"");
                break;
            case 3:
                payload = "{\"x\":\"y\"}";
                line = event(id, "\"CIV-000004\"", "\"clerk \uD83D\uDC69\u200D\uD83D\uDCBB\"", payload, "\"2262-04-12T00:00:00Z\"");
                break;
            case 4: // a lone CR between tokens is JSON whitespace, and not a line break
                payload = "{\"cr\":\"between tokens\"}";
                line = "{\"eventId\":\"" + id + "\",\r\"caseId\":\"CIV-000005\",\"type\":\"CASE_CREATED\",\"actor\":\"clerk\","
                        + "\"sourceIp\":\"10.0.0.1\",\"payload\":" + payload + "}";
                break;
            case 5: // CRLF line ending
                payload = "{\"crlf\":true}";
                line = event(id, "\"CIV-000006\"", "\"clerk\"", payload, "\"2300-01-01T00:00:00.123456Z\"") + "\r";
                break;
            case 6: // preceded by a blank line (skipped, still counted)
                lineNumber++;
                write(" \t\r".getBytes(StandardCharsets.US_ASCII), LF);
                payload = "{\"after\":\"blank\", \"c1\":\"\u0085 in payload text is data\"}";
                line = event(id, "\"CIV-000007\"", "\"clerk\"", payload, null);
                break;
            default:
                payload = "{ \"spaced\" : [ 1 , 2 ] }";
                line = event(id, "\"CIV-000008\"", "\"clerk\"", payload, "\"2026-03-01T10:00:00+01:00\"");
                break;
        }
        lineNumber++;
        stored.put(lineNumber, new Stored("valid-" + shape, eventId, payload.getBytes(StandardCharsets.UTF_8)));
        write(line.getBytes(StandardCharsets.UTF_8), LF);
    }

    private void write(byte[]... parts) {
        for (byte[] part : parts) {
            bytes.write(part, 0, part.length);
        }
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** A JSON event line; arguments are JSON values (quoted strings as given) or {@code null} to leave the key out. */
    private static String event(String eventId, String caseId, String actor, String payload, String occurredAt) {
        StringBuilder line = new StringBuilder("{");
        if (eventId != null) {
            line.append("\"eventId\":\"").append(eventId).append("\",");
        }
        line.append("\"caseId\":").append(caseId).append(",\"type\":\"CASE_UPDATED\",\"actor\":").append(actor);
        line.append(",\"payload\":").append(payload);
        if (occurredAt != null) {
            line.append(",\"occurredAt\":").append(occurredAt);
        }
        return line.append('}').toString();
    }

    private String withField(String key, String jsonValue) {
        return "{\"eventId\":\"" + uuid() + "\",\"caseId\":\"CIV-000001\",\"type\":\"CASE_UPDATED\",\"actor\":\"clerk\",\"payload\":{},"
                + "\"" + key + "\":" + jsonValue + "}";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }

    /** A valid line with {@code bad} spliced into the actor's value as raw bytes. */
    private byte[] actorWithRawBytes(byte[] bad) {
        return concat(utf8("{\"eventId\":\"" + uuid() + "\",\"caseId\":\"CIV-000001\",\"type\":\"CASE_UPDATED\",\"actor\":\"cl"), bad,
                utf8("erk\",\"payload\":{}}"));
    }

    private void add(List<Function<MalformedCorpus, byte[]>> classes, String kind, String reason,
            Function<MalformedCorpus, byte[]> line) {
        kinds.add(kind + ":" + reason);
        classes.add(line);
    }

    private void addText(List<Function<MalformedCorpus, byte[]>> classes, String kind, String reason,
            Function<MalformedCorpus, String> line) {
        add(classes, kind, reason, c -> utf8(line.apply(c)));
    }

    private List<Function<MalformedCorpus, byte[]>> malformedClasses() {
        List<Function<MalformedCorpus, byte[]>> c = new ArrayList<>();
        // eventId
        addText(c, "eventId not a UUID", MALFORMED, x -> event("not-a-uuid", "\"CIV-000001\"", "\"clerk\"", "{}", null));
        addText(c, "eventId 1-1-1-1-1", MALFORMED, x -> event("1-1-1-1-1", "\"CIV-000001\"", "\"clerk\"", "{}", null));
        addText(c, "eventId without hyphens", MALFORMED, x -> event(x.uuid().replace("-", ""), "\"CIV-000001\"", "\"clerk\"", "{}", null));
        addText(c, "eventId in braces", MALFORMED, x -> event("{" + x.uuid() + "}", "\"CIV-000001\"", "\"clerk\"", "{}", null));
        addText(c, "eventId 35 chars", MALFORMED, x -> event(x.uuid().substring(1), "\"CIV-000001\"", "\"clerk\"", "{}", null));
        addText(c, "eventId 37 chars", MALFORMED, x -> event(x.uuid() + "0", "\"CIV-000001\"", "\"clerk\"", "{}", null));
        addText(c, "eventId short groups", MALFORMED, x -> event("0001-0001-0001-0001-000000000001", "\"CIV-000001\"", "\"clerk\"", "{}", null));
        addText(c, "eventId Arabic-Indic digit", MALFORMED, x -> event(x.uuid().substring(0, 35) + "\u0661", "\"CIV-000001\"", "\"clerk\"", "{}", null));
        addText(c, "eventId fullwidth hex", MALFORMED, x -> event(x.uuid().substring(0, 35) + "\uFF41", "\"CIV-000001\"", "\"clerk\"", "{}", null));
        addText(c, "eventId number", MALFORMED, x -> x.withField("eventId", "12345"));
        addText(c, "eventId null", MALFORMED, x -> x.withField("eventId", "null"));
        // duplicate keys
        addText(c, "duplicate eventId", MALFORMED, x -> x.withField("eventId", "\"" + x.uuid() + "\""));
        addText(c, "duplicate payload", MALFORMED, x -> x.withField("payload", "{\"second\":true}"));
        addText(c, "duplicate caseId", MALFORMED, x -> x.withField("caseId", "\"CIV-000002\""));
        addText(c, "duplicate key in payload", MALFORMED, x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\"", "{\"a\":1,\"a\":2}", null));
        addText(c, "duplicate key deep in payload", MALFORMED, x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\"",
                "{\"a\":[{\"k\":1,\"k\":1}]}", null));
        // invalid UTF-8 anywhere
        add(c, "UTF-8 lone continuation byte", MALFORMED, x -> x.actorWithRawBytes(new byte[] {(byte) 0x80}));
        add(c, "UTF-8 overlong slash", MALFORMED, x -> x.actorWithRawBytes(new byte[] {(byte) 0xC0, (byte) 0xAF}));
        add(c, "UTF-8 encoded surrogate", MALFORMED, x -> x.actorWithRawBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
        add(c, "UTF-8 truncated sequence", MALFORMED, x -> x.actorWithRawBytes(new byte[] {(byte) 0xE2, (byte) 0x82}));
        add(c, "UTF-8 above U+10FFFF", MALFORMED, x -> x.actorWithRawBytes(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}));
        add(c, "UTF-8 byte FF", MALFORMED, x -> x.actorWithRawBytes(new byte[] {(byte) 0xFF}));
        add(c, "Latin-1 in payload", MALFORMED, x -> concat(utf8("{\"caseId\":\"CIV-000001\",\"type\":\"CASE_UPDATED\",\"actor\":\"clerk\","
                + "\"payload\":{\"n\":\"na"), new byte[] {(byte) 0xEF}, utf8("ve\"}}")));
        add(c, "invalid UTF-8 between tokens", MALFORMED, x -> concat(utf8("{\"caseId\":\"CIV-000001\","), new byte[] {(byte) 0xC3},
                utf8("\"type\":\"CASE_UPDATED\",\"actor\":\"clerk\",\"payload\":{}}")));
        add(c, "byte order mark", MALFORMED, x -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                utf8(event(x.uuid(), "\"CIV-000001\"", "\"clerk\"", "{}", null))));
        // carriage returns and raw controls inside strings
        add(c, "lone CR inside a string", MALFORMED, x -> x.actorWithRawBytes(new byte[] {'\r'}));
        add(c, "raw ESC inside a string", MALFORMED, x -> x.actorWithRawBytes(new byte[] {0x1B, '[', '2', 'J'}));
        add(c, "raw BEL inside a string", MALFORMED, x -> x.actorWithRawBytes(new byte[] {0x07}));
        add(c, "raw NUL inside a string", MALFORMED, x -> x.actorWithRawBytes(new byte[] {0x00}));
        // JSON shape and types
        addText(c, "truncated JSON", MALFORMED, x -> {
            String whole = event(x.uuid(), "\"CIV-000001\"", "\"clerk\"", "{\"a\":[1,2,3]}", "\"2026-01-01T00:00:00Z\"");
            return whole.substring(0, 1 + x.random.nextInt(whole.length() - 2));
        });
        addText(c, "JSON array", MALFORMED, x -> "[{\"caseId\":\"CIV-000001\"}]");
        addText(c, "JSON string", MALFORMED, x -> "\"just text\"");
        addText(c, "not JSON", MALFORMED, x -> "caseId=CIV-000001 type=CASE_UPDATED");
        addText(c, "single quotes", MALFORMED, x -> "{'caseId':'CIV-000001'}");
        addText(c, "content after object", MALFORMED, x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\"", "{}", null) + " {}");
        addText(c, "unknown field", MALFORMED, x -> x.withField("evil\u001B[31m", "1"));
        addText(c, "caseId number", MALFORMED, x -> event(x.uuid(), "123456", "\"clerk\"", "{}", null));
        addText(c, "actor null", MALFORMED, x -> event(x.uuid(), "\"CIV-000001\"", "null", "{}", null));
        addText(c, "actor object", MALFORMED, x -> event(x.uuid(), "\"CIV-000001\"", "{\"n\":1}", "{}", null));
        addText(c, "payload string", MALFORMED, x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\"", "\"{}\"", null));
        addText(c, "payload array", MALFORMED, x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\"", "[1]", null));
        addText(c, "occurredAt number", MALFORMED, x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\"", "{}", "1767225600"));
        addText(c, "occurredAt month 13", MALFORMED, x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\"", "{}", "\"2026-13-01T00:00:00Z\""));
        addText(c, "occurredAt words", MALFORMED, x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\"", "{}", "\"yesterday\""));
        addText(c, "occurredAt no zone", MALFORMED, x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\"", "{}", "\"2026-01-01T00:00:00\""));
        addText(c, "documentHash not hex", MALFORMED, x -> x.withField("documentHash", "\"zz" + "00".repeat(31) + "\""));
        addText(c, "deeply nested payload", MALFORMED, x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\"",
                "{\"a\":" + "[".repeat(3_000) + "]".repeat(3_000) + "}", null));
        // rules of the validator (the same on the client and in the pipeline)
        addText(c, "caseId forging a report line", "BAD_CASE_ID", x -> event(x.uuid(), "\"CIV\\nline 99: OK\"", "\"clerk\"", "{}", null));
        addText(c, "caseId with ESC and BEL", "BAD_CASE_ID", x -> event(x.uuid(), "\"\\u001b[2J\\u0007CIV\"", "\"clerk\"", "{}", null));
        addText(c, "caseId lower case", "BAD_CASE_ID", x -> event(x.uuid(), "\"civ-000001\"", "\"clerk\"", "{}", null));
        addText(c, "caseId missing", "BAD_CASE_ID", x -> "{\"type\":\"CASE_UPDATED\",\"actor\":\"clerk\",\"payload\":{}}");
        addText(c, "caseId fullwidth digits", "BAD_CASE_ID", x -> event(x.uuid(), "\"CIV-\uFF10\uFF10\uFF10\uFF10\uFF10\uFF11\"", "\"clerk\"", "{}", null));
        addText(c, "actor C1 NEL raw", "BAD_ACTOR", x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\u0085x\"", "{}", null));
        addText(c, "actor C1 CSI escaped", "BAD_ACTOR", x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\\u009b31m\"", "{}", null));
        addText(c, "actor bidi override raw", "BAD_ACTOR", x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\u202Egpj.exe\"", "{}", null));
        addText(c, "actor bidi isolate", "BAD_ACTOR", x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\\u2066x\\u2069\"", "{}", null));
        addText(c, "actor RLM", "BAD_ACTOR", x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\\u200f\"", "{}", null));
        addText(c, "actor Arabic letter mark", "BAD_ACTOR", x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\u061C\"", "{}", null));
        addText(c, "actor line separator", "BAD_ACTOR", x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\u2028line 3: OK\"", "{}", null));
        addText(c, "actor escaped newline", "BAD_ACTOR", x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\\nline 1: OK\"", "{}", null));
        addText(c, "actor escaped NUL", "BAD_ACTOR", x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\\u0000\"", "{}", null));
        addText(c, "actor unpaired surrogate", "BAD_ACTOR", x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\\ud800\"", "{}", null));
        addText(c, "actor blank", "BAD_ACTOR", x -> event(x.uuid(), "\"CIV-000001\"", "\"   \"", "{}", null));
        addText(c, "actor oversize", "BAD_ACTOR", x -> event(x.uuid(), "\"CIV-000001\"", "\"" + "\u00e9".repeat(200) + "\"", "{}", null));
        addText(c, "sourceIp Arabic-Indic digit", "BAD_SOURCE_IP", x -> x.withField("sourceIp", "\"::\u0661\""));
        addText(c, "sourceIp fullwidth hex", "BAD_SOURCE_IP", x -> x.withField("sourceIp", "\"fe80::\uFF21\uFF22\uFF23\uFF24\""));
        addText(c, "sourceIp Devanagari digit v4", "BAD_SOURCE_IP", x -> x.withField("sourceIp", "\"10.0.0.\u0967\""));
        addText(c, "sourceIp octet 256", "BAD_SOURCE_IP", x -> x.withField("sourceIp", "\"256.0.0.1\""));
        addText(c, "sourceIp host name", "BAD_SOURCE_IP", x -> x.withField("sourceIp", "\"localhost\""));
        addText(c, "sourceIp zone id", "BAD_SOURCE_IP", x -> x.withField("sourceIp", "\"fe80::1%eth0\""));
        addText(c, "occurredAt before 1970", "BAD_OCCURRED_AT", x -> x.withField("occurredAt", "\"1969-12-31T23:59:59.999999Z\""));
        addText(c, "occurredAt 1677", "BAD_OCCURRED_AT", x -> x.withField("occurredAt", "\"1677-09-21T00:12:43.145224191Z\""));
        addText(c, "occurredAt year 10000", "BAD_OCCURRED_AT", x -> x.withField("occurredAt", "\"+10000-01-01T00:00:00Z\""));
        addText(c, "occurredAt Instant.MAX", "BAD_OCCURRED_AT", x -> x.withField("occurredAt", "\"+1000000000-12-31T23:59:59.999999999Z\""));
        addText(c, "occurredAt Instant.MIN", "BAD_OCCURRED_AT", x -> x.withField("occurredAt", "\"-1000000000-01-01T00:00:00Z\""));
        addText(c, "occurredAt year 300000", "BAD_OCCURRED_AT", x -> x.withField("occurredAt", "\"+300000-01-01T00:00:00Z\""));
        addText(c, "unknown type", "UNKNOWN_TYPE", x -> "{\"caseId\":\"CIV-000001\",\"type\":\"CASE_DELETED\",\"actor\":\"clerk\",\"payload\":{}}");
        addText(c, "type with ESC", "UNKNOWN_TYPE", x -> "{\"caseId\":\"CIV-000001\",\"type\":\"CASE\\u001b[2J\",\"actor\":\"clerk\",\"payload\":{}}");
        addText(c, "documentHash 31 bytes", "BAD_DOCUMENT_HASH", x -> x.withField("documentHash", "\"" + "00".repeat(31) + "\""));
        addText(c, "documentHash 1 KB", "BAD_DOCUMENT_HASH", x -> x.withField("documentHash", "\"" + "ab".repeat(1024) + "\""));
        addText(c, "payload missing", "BAD_PAYLOAD", x -> "{\"caseId\":\"CIV-000001\",\"type\":\"CASE_UPDATED\",\"actor\":\"clerk\"}");
        addText(c, "payload oversize", "PAYLOAD_TOO_LARGE", x -> event(x.uuid(), "\"CIV-000001\"", "\"clerk\"",
                "{\"blob\":\"" + "x".repeat(17 * 1024) + "\"}", null));
        return c;
    }
}
