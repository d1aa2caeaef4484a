package dev.cloudwarden.engine.sigma.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

class GlobTest {
    private static boolean matches(String pattern, String text) {
        return new Glob(SigmaString.parse(pattern), false).matches(text);
    }

    /** Regression: a star right before '?' left an empty literal that indexOf finds forever. */
    @Test
    @Timeout(5)
    void aStarBeforeAQuestionMarkTerminates() {
        assertThat(matches("*?y", "x")).isFalse();
        assertThat(matches("*?y", "xy")).isTrue();
        assertThat(matches("*?y*", "zzz")).isFalse();
        assertThat(matches("a*?", "a")).isFalse();
        assertThat(matches("a*?", "ab")).isTrue();
    }

    @Test
    void wildcardsAndLiterals() {
        assertThat(matches("prog?.exe", "progA.exe")).isTrue();
        assertThat(matches("prog?.exe", "prog.exe")).isFalse();
        assertThat(matches("*\\\\cmd.exe", "c:\\windows\\cmd.exe")).isTrue();
        assertThat(matches("a*b*c", "aXbYc")).isTrue();
        assertThat(matches("a*b*c", "aXcYb")).isFalse();
    }
}
