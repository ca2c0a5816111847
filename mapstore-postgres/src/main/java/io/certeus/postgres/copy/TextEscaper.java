package io.certeus.postgres.copy;

/**
 * A reversible escape for text that a PostgreSQL text column cannot hold (see {@link TextChecks}):
 * {@code \} becomes {@code \\}, and a NUL or an unpaired surrogate becomes {@code \}{@code uXXXX}.
 * Used for rejected events, which may carry exactly such text; rows written escaped are flagged so
 * that loading reverses it.
 *
 * <p>Thread-safe: stateless.
 */
public final class TextEscaper {
    private TextEscaper() {
    }

    public static String escape(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\0') {
                out.append("\\u0000");
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public static String unescape(String value) {
        if (value == null || value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= value.length()) {
                throw new IllegalArgumentException("escaped text ends in a lone backslash: length=" + value.length());
            }
            char next = value.charAt(++i);
            if (next == '\\') {
                out.append('\\');
            } else if (next == 'u' && i + 4 < value.length()) {
                out.append((char) Integer.parseInt(value.substring(i + 1, i + 5), 16));
                i += 4;
            } else {
                throw new IllegalArgumentException("bad escape in text: index=" + (i - 1));
            }
        }
        return out.toString();
    }
}
