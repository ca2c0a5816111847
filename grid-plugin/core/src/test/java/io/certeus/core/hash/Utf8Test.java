package io.certeus.core.hash;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {
    @Test
    void encodesLikeTheJdkForRandomStrings() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(30);
            for (int i = 0; i < length; i++) {
                int pick = random.nextInt(5);
                if (pick == 0) {
                    sb.append((char) random.nextInt(0x80));
                } else if (pick == 1) {
                    sb.append((char) (0x80 + random.nextInt(0x780)));
                } else if (pick == 2) {
                    sb.append((char) (0x800 + random.nextInt(0xD000)));
                } else if (pick == 3) {
                    sb.appendCodePoint(0x10000 + random.nextInt(0xFFFFF));
                } else {
                    sb.append((char) (0xD800 + random.nextInt(0x800))); // lone surrogate half
                }
            }
            String s = sb.toString();
            byte[] expected = s.getBytes(StandardCharsets.UTF_8);
            byte[] actual = new byte[Utf8.encodedLength(s)];
            Utf8.encode(s, actual, 0);
            assertThat(actual).as("string #%d", round).isEqualTo(expected);
        }
    }

    @Test
    void detectsUnpairedSurrogates() {
        assertThat(Utf8.hasUnpairedSurrogate("ok 🦉")).isFalse();
        assertThat(Utf8.hasUnpairedSurrogate("\uD83E")).isTrue();
        assertThat(Utf8.hasUnpairedSurrogate("\uDD89x")).isTrue();
        assertThat(Utf8.hasUnpairedSurrogate("x\uD83E\uD83E\uDD89")).isTrue();
    }
}
