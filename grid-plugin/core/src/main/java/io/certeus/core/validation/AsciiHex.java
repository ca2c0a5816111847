package io.certeus.core.validation;

/**
 * ASCII hex digits, and only those: {@link Character#digit} also takes Arabic-Indic, fullwidth and
 * other scripts' digits ({@code ١}, {@code Ａ}), which must not pass as parts of identifiers or addresses.
 *
 * <p>Thread-safe: stateless.
 */
final class AsciiHex {
    private AsciiHex() {
    }

    /** The value of {@code c} as a hex digit 0-9, a-f, A-F; -1 for anything else. */
    static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
