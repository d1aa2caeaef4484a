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
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (needsEscape(c)) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append(c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                        : c <= 0xFF ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
