package io.certeus.cli;

import io.certeus.cli.json.EventFileReader;
import io.certeus.cli.json.LineRefusal;
import io.certeus.client.EventBuilder;
import io.certeus.core.model.Event;
import io.certeus.core.validation.ControlCharacters;
import io.certeus.core.validation.EventValidator;
import io.certeus.core.validation.RejectReason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated corpus through {@code certeus append} (file and stdin) without a grid: with
 * {@code --strict} the command reads and reports every line and stops before connecting. Every
 * malformed line must be reported once, with its physical line number and reason, on one printable
 * line of bounded length; every valid line must be read with its eventId and exact payload bytes.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AppendCorpusTest {
    private static final Pattern REPORT = Pattern.compile("line (\\d+): ([A-Z_]+): (.*)");
    private static final int MAX_REPORT_CHARS = 600;

    @TempDir
    static Path dir;

    private static MalformedCorpus corpus;
    private static Path file;

    @BeforeAll
    static void generate() throws Exception {
        corpus = MalformedCorpus.generate(20_261_129L, 10_500, 7, true);
        file = dir.resolve("corpus.jsonl");
        Files.write(file, corpus.bytes());
    }

    @Test
    void corpusIsLargeAndVaried() {
        assertThat(corpus.refused()).hasSizeGreaterThanOrEqualTo(10_000);
        assertThat(corpus.kinds()).hasSizeGreaterThanOrEqualTo(80);
        assertThat(corpus.stored()).hasSizeGreaterThanOrEqualTo(1_000);
    }

    @Test
    void appendFromAFileRefusesEveryMalformedLineWithItsNumberAndReason() {
        CliRun run = CliRun.run("append", file.toString(), "--strict");
        assertThat(run.exitCode).isEqualTo(ExitCodes.INVALID_INPUT);
        assertEveryRefusalReported(run.err);
    }

    @Test
    void appendFromStdinReadsTheSameBytesTheSameWay() throws Exception {
        InputStream original = System.in;
        CliRun run;
        try {
            System.setIn(new ByteArrayInputStream(corpus.bytes()));
            run = CliRun.run("append", "-", "--strict");
        } finally {
            System.setIn(original);
        }
        assertThat(run.exitCode).isEqualTo(ExitCodes.INVALID_INPUT);
        assertEveryRefusalReported(run.err);
    }

    @Test
    void everyValidLineIsReadOnceWithItsEventIdAndExactPayloadBytes() throws Exception {
        List<Event> events = new ArrayList<>();
        List<LineRefusal> refusals = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            new EventFileReader().read(in, events::add, refusals::add);
        }
        List<MalformedCorpus.Stored> expected = new ArrayList<>(corpus.stored().values());
        assertThat(events).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(events.get(i).eventId()).as("valid line %d (%s)", i, expected.get(i).kind).isEqualTo(expected.get(i).eventId);
            assertThat(events.get(i).payload()).as("payload of %s", expected.get(i).kind).isEqualTo(expected.get(i).payload);
        }
        assertThat(refusals).extracting(LineRefusal::lineNumber).containsExactlyElementsOf(corpus.refused().keySet());
    }

    /** The client API applies the same rules to the same values: EventBuilder then the validator. */
    @Test
    void clientApiRefusesTheSameValuesForTheSameReasons() {
        Map<RejectReason, List<UnaryOperator<EventBuilder>>> cases = new HashMap<>();
        cases.put(RejectReason.BAD_SOURCE_IP, List.of(b -> b.sourceIp("::\u0661"), b -> b.sourceIp("fe80::\uFF21\uFF22\uFF23\uFF24"),
                b -> b.sourceIp("10.0.0.\u0967")));
        cases.put(RejectReason.BAD_ACTOR, List.of(b -> b.actor("clerk\u0085"), b -> b.actor("clerk\u202E"), b -> b.actor("a\u2066b"),
                b -> b.actor("clerk\u200F"), b -> b.actor("clerk\u061C"), b -> b.actor("clerk\nline 1: OK"), b -> b.actor("x\u009B")));
        cases.put(RejectReason.BAD_OCCURRED_AT, List.of(b -> b.occurredAt(Instant.MAX), b -> b.occurredAt(Instant.MIN),
                b -> b.occurredAt(Instant.parse("+10000-01-01T00:00:00Z")), b -> b.occurredAt(Instant.parse("1677-09-21T00:12:43Z"))));
        cases.put(RejectReason.BAD_PAYLOAD, List.of(b -> b.payload("{\"payload\":1,\"payload\":2}"),
                b -> b.payloadBytes(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'})));
        EventValidator validator = new EventValidator();
        cases.forEach((reason, mutations) -> mutations.forEach(mutation -> {
            Event event = mutation.apply(EventBuilder.event("CIV-000001", "CASE_UPDATED").actor("clerk")).build();
            assertThat(validator.validate(event)).as("%s", reason).isNotNull()
                    .satisfies(v -> assertThat(v.reason()).isEqualTo(reason));
        }));
        Event atTheEnd = EventBuilder.event("CIV-000001", "CASE_UPDATED").actor("clerk")
                .occurredAt(Instant.parse("9999-12-31T23:59:59.999999Z")).build();
        assertThat(validator.validate(atTheEnd)).isNull();
    }

    private static void assertEveryRefusalReported(String err) {
        String[] lines = err.split("\n", -1);
        Map<Long, String> reported = new HashMap<>();
        int summaries = 0;
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            assertThat(line.length()).as("report length").isLessThanOrEqualTo(MAX_REPORT_CHARS);
            assertThat(line.chars().noneMatch(c -> ControlCharacters.isRefused((char) c)))
                    .as("report holds no control or bidi character: %s", line).isTrue();
            if (line.startsWith("certeus: ")) {
                summaries++;
                assertThat(line).isEqualTo("certeus: " + corpus.refused().size() + " invalid line(s); nothing appended (--strict)");
                continue;
            }
            Matcher report = REPORT.matcher(line);
            assertThat(report.matches()).as("a report line: %s", line).isTrue();
            long number = Long.parseLong(report.group(1));
            assertThat(reported.put(number, report.group(2))).as("line %d reported once", number).isNull();
        }
        assertThat(summaries).isEqualTo(1);
        assertThat(reported.keySet()).containsExactlyInAnyOrderElementsOf(corpus.refused().keySet());
        corpus.refused().forEach((number, expected) -> assertThat(reported.get(number))
                .as("reason for line %d (%s)", number, expected.kind).isEqualTo(expected.reason));
    }
}
