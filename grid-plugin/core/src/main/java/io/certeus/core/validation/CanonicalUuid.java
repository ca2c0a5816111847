package io.certeus.core.validation;

import java.util.UUID;

/**
 * The one accepted text form of an eventId: RFC 9562 canonical UUID text, 36 characters in groups
 * of 8-4-4-4-12 ASCII hex digits separated by hyphens. Upper- and lower-case hex are both accepted
 * (RFC 9562 section 4: hex digits are case-insensitive on input; both spell the same 128 bits).
 * Anything else is refused, never reinterpreted: {@link UUID#fromString} would read {@code 1-1-1-1-1}
 * as {@code 00000001-0001-0001-0001-000000000001}, so two different texts would name one event.
 *
 * <p>Thread-safe: stateless.
 */
public final class CanonicalUuid {
    /** Length of the canonical text form. */
    public static final int TEXT_LENGTH = 36;

    private CanonicalUuid() {
    }

    /** Whether {@code text} is canonical UUID text. */
    public static boolean isCanonical(String text) {
        if (text == null || text.length() != TEXT_LENGTH) {
            return false;
        }
        for (int i = 0; i < TEXT_LENGTH; i++) {
            char c = text.charAt(i);
            boolean hyphenPosition = i == 8 || i == 13 || i == 18 || i == 23;
            if (hyphenPosition ? c != '-' : AsciiHex.value(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The UUID that canonical {@code text} spells, or {@code null} when the text is not canonical. */
    public static UUID parseOrNull(String text) {
        if (!isCanonical(text)) {
            return null;
        }
        long most = hexLong(text, 0, 8) << 32 | hexLong(text, 9, 13) << 16 | hexLong(text, 14, 18);
        long least = hexLong(text, 19, 23) << 48 | hexLong(text, 24, 36);
        return new UUID(most, least);
    }

    private static long hexLong(String text, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value << 4 | AsciiHex.value(text.charAt(i));
        }
        return value;
    }
}
