package io.certeus.postgres.copy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextEscaperTest {
    @Test
    void escapesWhatTextCannotHoldAndReversesExactly() {
        String[] samples = {"plain", "a\u0000b", "back\\slash", "lone \uD800 high", "lone \uDFFF low", "pair 🧾 ok",
            "\\u0000 literal", "", "\u0000\u0000"};
        for (String sample : samples) {
            String escaped = TextEscaper.escape(sample);
            assertThat(TextChecks.problem(escaped)).as("escaped %s is storable", sample).isNull();
            assertThat(TextEscaper.unescape(escaped)).isEqualTo(sample);
        }
    }
}
