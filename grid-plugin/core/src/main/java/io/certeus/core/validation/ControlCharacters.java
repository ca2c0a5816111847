package io.certeus.core.validation;

/**
 * The characters refused in the event's free-text fields and escaped whenever a value is printed:
 * those that can change how text around them is displayed rather than show as themselves.
 * <ul>
 *   <li>C0 controls U+0000-U+001F (NUL, BEL, ESC, CR, LF ...) and DEL U+007F;</li>
 *   <li>C1 controls U+0080-U+009F (U+009B is a one-character CSI escape on many terminals);</li>
 *   <li>bidirectional formatting: embeddings and overrides U+202A-U+202E, isolates U+2066-U+2069,
 *       marks U+200E, U+200F and U+061C (they reorder what a reader sees, "Trojan Source");</li>
 *   <li>line and paragraph separators U+2028, U+2029 (line breaks to some readers).</li>
 * </ul>
 * Other invisible characters (zero-width joiner U+200D, variation selectors) are allowed: they are
 * parts of ordinary names and emoji and cannot forge line structure or reorder text.
 *
 * <p>Thread-safe: stateless.
 */
public final class ControlCharacters {
    private ControlCharacters() {
    }

    /** Whether {@code c} is one of the refused characters above. */
    public static boolean isRefused(char c) {
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            return true;
        }
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
                || c == 0x061C || c == 0x2028 || c == 0x2029;
    }
}
