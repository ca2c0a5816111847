package io.certeus.core.validation;

/**
 * Values made safe to print in reports, logs and stored messages: every {@link ControlCharacters}
 * character and every unpaired surrogate becomes a {@code \}{@code uXXXX} escape, so a value can
 * neither move the cursor, ring the bell nor start a new report line; and a long value is cut to a
 * bounded prefix followed by its total length.
 *
 * <p>Thread-safe: stateless.
 */
public final class PrintableText {
    /** Characters of a value shown before it is cut. */
    public static final int DEFAULT_MAX_CHARS = 64;

    private PrintableText() {
    }

    /**
     * {@code value} in double quotes with {@code "} and {@code \} escaped as in JSON and the characters
     * above as {@code \}{@code uXXXX}; cut after {@code maxChars} characters as
     * {@code "prefix"...(chars=N)}. {@code null} shows as {@code null}.
     */
    public static String quote(String value, int maxChars) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), maxChars) + 16).append('"');
        int shown = appendEscaped(out, value, maxChars, true);
        out.append('"');
        if (shown < value.length()) {
            out.append("...(chars=").append(value.length()).append(')');
        }
        return out.toString();
    }

    /** {@link #quote(String, int)} with {@link #DEFAULT_MAX_CHARS}. */
    public static String quote(String value) {
        return quote(value, DEFAULT_MAX_CHARS);
    }

    /**
     * A whole message made printable: only the characters above are escaped (quotes and backslashes
     * are left alone, so a message built with {@link #quote} is unchanged), and it is cut after
     * {@code maxChars} characters with the total length appended.
     */
    public static String message(String text, int maxChars) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 16);
        int shown = appendEscaped(out, text, maxChars, false);
        if (shown < text.length()) {
            out.append("...(chars=").append(text.length()).append(')');
        }
        return out.toString();
    }

    /** Appends up to {@code maxChars} characters of {@code value}, escaped; returns how many were taken. */
    private static int appendEscaped(StringBuilder out, String value, int maxChars, boolean escapeQuoting) {
        int i = 0;
        int end = Math.min(value.length(), maxChars);
        while (i < end) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(i + 1)); // a pair is never cut in half
                i += 2;
            } else if (ControlCharacters.isRefused(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
                i++;
            } else if (escapeQuoting && (c == '"' || c == '\\')) {
                out.append('\\').append(c);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return i;
    }
}
