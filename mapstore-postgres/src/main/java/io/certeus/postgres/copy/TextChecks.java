package io.certeus.postgres.copy;

import io.certeus.core.hash.Utf8;

/**
 * What a PostgreSQL text column cannot hold exactly: NUL characters (refused by the server) and
 * unpaired UTF-16 surrogates (no UTF-8 form).
 *
 * <p>Thread-safe: stateless.
 */
public final class TextChecks {
    private TextChecks() {
    }

    /** {@code null} when the text is storable, else the reason. */
    public static String problem(String value) {
        int nul = value.indexOf('\0');
        if (nul >= 0) {
            return "NUL character in text: index=" + nul;
        }
        if (Utf8.hasUnpairedSurrogate(value)) {
            return "unpaired UTF-16 surrogate in text (no UTF-8 form)";
        }
        return null;
    }
}
