package io.certeus.core.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTextTest {
    @Test
    void quoteEscapesControlsBidiQuotesAndBackslashes() {
        assertThat(PrintableText.quote("a\u001B[2J\u0007\nline 99: \"x\"\\\u202E\u0085", 100))
                .isEqualTo("\"a\\u001B[2J\\u0007\\u000Aline 99: \\\"x\\\"\\\\\\u202E\\u0085\"");
    }

    @Test
    void quoteCutsLongValuesAndGivesTheirLength() {
        String quoted = PrintableText.quote("x".repeat(10_000_000));
        assertThat(quoted).isEqualTo('"' + "x".repeat(PrintableText.DEFAULT_MAX_CHARS) + "\"...(chars=10000000)");
    }

    @Test
    void quoteNeverSplitsASurrogatePairAndEscapesAnUnpairedOne() {
        assertThat(PrintableText.quote("\uD83E\uDD89", 1)).isEqualTo("\"\uD83E\uDD89\"");
        assertThat(PrintableText.quote("a\uD800b", 10)).isEqualTo("\"a\\uD800b\"");
    }

    @Test
    void messageEscapesOnlyControlsSoQuotedValuesStayAsTheyAre() {
        String message = "caseId must match: caseId=" + PrintableText.quote("a\\b\u0000");
        assertThat(PrintableText.message(message, 1_000)).isEqualTo(message);
        assertThat(PrintableText.message("a\nb\rc\u009B", 1_000)).isEqualTo("a\\u000Ab\\u000Dc\\u009B");
        assertThat(PrintableText.message("y".repeat(500), 10)).isEqualTo("yyyyyyyyyy...(chars=500)");
    }

    @Test
    void nullShowsAsNull() {
        assertThat(PrintableText.quote(null)).isEqualTo("null");
    }
}
