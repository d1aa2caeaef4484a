package dev.cloudwarden.engine.sigma.eval;

import java.util.Locale;

/**
 * Case-insensitive comparison as the engine's contract defines it: full Unicode case folding, so
 * {@code STRASSE} equals {@code straße} and {@code STRAẞE}. Lower-, upper- then lower-casing gives the full
 * folding for the characters whose upper case expands (ß → SS → ss; the capital ẞ reaches ß first), which
 * {@code equalsIgnoreCase} does not; sigmas are then made one letter, because lower-casing writes a final
 * ς at the end of a word (and of a pattern fragment) where folding has σ.
 */
public final class CaseFold {
    private CaseFold() {
    }

    public static String fold(String s) {
        boolean capitals = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return s.toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT).replace('\u03C2', '\u03C3');
            }
            capitals |= c >= 'A' && c <= 'Z';
        }
        return capitals ? s.toLowerCase(Locale.ROOT) : s; // ASCII without capitals: already folded
    }
}
