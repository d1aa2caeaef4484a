package dev.cloudwarden.engine.sigma.eval;

import java.util.Locale;

/**
 * Case-insensitive comparison as the engine's contract defines it: full Unicode case folding, so
 * {@code STRASSE} equals {@code straße}. Upper- then lower-casing gives the full folding for the
 * characters whose upper case expands (ß → SS → ss), which {@code equalsIgnoreCase} does not.
 */
public final class CaseFold {
    private CaseFold() {
    }

    public static String fold(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
            }
        }
        return s; // ASCII without capitals: already folded
    }
}
