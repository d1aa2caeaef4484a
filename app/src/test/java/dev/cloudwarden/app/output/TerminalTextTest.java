package dev.cloudwarden.app.output;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {

    @Test
    void escapesControlsAndBidiButKeepsText() {
        assertThat(TerminalText.safe("plain ünïcode 日本")).isEqualTo("plain ünïcode 日本");
        assertThat(TerminalText.safe("a\u001b[31mb\tc\u0085d\u202ee")).isEqualTo("a\\x1b[31mb\\tc\\x85d\\u202ee");
        assertThat(TerminalText.safe(null)).isEmpty();
    }

    @Property
    void outputNeverContainsAControlCharacter(@ForAll String s) {
        assertThat(TerminalText.safe(s).chars().noneMatch(c -> TerminalText.needsEscape((char) c))).isTrue();
    }
}
