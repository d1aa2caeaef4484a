package dev.cloudwarden.app.output;

/**
 * Makes attacker-controlled text safe to print on a terminal. Log fields can hold escape sequences
 * (ESC, CSI, OSC) that would recolour, retitle or rewrite the analyst's screen; every control
 * character (C0, DEL, C1) and the Unicode bidi overrides are shown as visible escapes instead.
 */
public final class TerminalText {
    private TerminalText() {
    }

    public static String safe(String s) {
        return CharEscapes.replace(s, c -> needsEscape((char) c), c -> c == '\t' ? "\\t" : c == '\n' ? "\\n"
                : c == '\r' ? "\\r" : c <= 0xFF ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
    }

    static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
