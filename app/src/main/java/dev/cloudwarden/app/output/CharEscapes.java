package dev.cloudwarden.app.output;

import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Replaces the characters of a text that a reader must not get raw (terminal controls, bidi overrides) with a
 * visible form, copying the text only when one is found: most log fields hold none.
 */
public final class CharEscapes {
    private CharEscapes() {
    }

    /** {@code text} with each char that {@code escaped} accepts written as {@code as} gives it; null is "". */
    public static String replace(String text, IntPredicate escaped, IntFunction<String> as) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (escaped.test(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(as.apply(c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
