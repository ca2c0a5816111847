package io.certeus.core.validation;

/**
 * Strict UTF-8 well-formedness check (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
 *
 * <p>Thread-safe: stateless.
 */
public final class Utf8Validator {
    private Utf8Validator() {
    }

    /** Offset of the first byte that starts an ill-formed sequence, or -1 when all is well-formed. */
    public static int firstInvalidByte(byte[] bytes) {
        return firstInvalidByte(bytes, 0, bytes.length);
    }

    /** As {@link #firstInvalidByte(byte[])} for {@code bytes[from, to)}; the offset returned is into {@code bytes}. */
    public static int firstInvalidByte(byte[] bytes, int from, int to) {
        int i = from;
        int n = to;
        while (i < n) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + need >= n) {
                return i;
            }
            int cp = b & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int c = bytes[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += need + 1;
        }
        return -1;
    }
}
