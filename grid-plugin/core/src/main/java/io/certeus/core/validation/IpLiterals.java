package io.certeus.core.validation;

/**
 * Syntax checks for IP address literals, without name resolution.
 *
 * <p>Thread-safe: stateless.
 */
final class IpLiterals {
    private IpLiterals() {
    }

    /** Dotted quad, four ASCII decimal octets 0..255, no leading zeros. */
    static boolean isIpv4(String s) {
        return isIpv4(s, 0, s.length());
    }

    private static boolean isIpv4(String s, int from, int to) {
        int octets = 0;
        int i = from;
        while (i < to) {
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return false;
                }
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return false;
            }
            octets++;
            if (i < to) {
                if (s.charAt(i) != '.' || octets == 4) {
                    return false;
                }
                i++;
                if (i == to) {
                    return false;
                }
            }
        }
        return octets == 4;
    }

    /** RFC 4291 text form: up to eight groups of 1-4 ASCII hex digits, one "::", optional trailing IPv4; no zone id. */
    static boolean isIpv6(String s) {
        int length = s.length();
        if (length < 2 || length > 45) {
            return false;
        }
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        int groups = 0;
        int i = 0;
        if (doubleColon == 0) {
            i = 2;
        } else if (s.charAt(0) == ':') {
            return false;
        }
        while (i < length) {
            int start = i;
            while (i < length && AsciiHex.value(s.charAt(i)) >= 0) {
                i++;
            }
            if (i < length && s.charAt(i) == '.') {
                // Embedded IPv4 must be the last part and counts as two groups.
                if (!isIpv4(s, start, length)) {
                    return false;
                }
                groups += 2;
                i = length;
                break;
            }
            int digits = i - start;
            if (digits == 0 || digits > 4) {
                return false;
            }
            groups++;
            if (i == length) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            if (i == doubleColon) {
                i += 2;
            } else {
                i++;
                if (i == length) {
                    return false;
                }
            }
        }
        return doubleColon >= 0 ? groups <= 7 : groups == 8;
    }
}
