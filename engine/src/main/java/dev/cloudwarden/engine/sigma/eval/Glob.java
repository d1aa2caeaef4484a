package dev.cloudwarden.engine.sigma.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled wildcard pattern: literal runs, {@code *} (any run) and {@code ?} (one character). Matching
 * is linear in practice (greedy with one backtrack point per star), with no regular expression involved.
 * Patterns and texts are compared as given; callers fold both sides for case-insensitive matching.
 */
final class Glob {
    private final String[] literals;  // literal before each wildcard segment
    private final char[] kinds;       // '*' or '?' after literals[i]; one fewer than literals
    private final String exact;       // non-null when there are no wildcards

    Glob(SigmaString s, boolean fold) {
        List<String> lits = new ArrayList<>();
        StringBuilder kindList = new StringBuilder();
        StringBuilder cur = new StringBuilder();
        for (SigmaString.Part p : s.parts()) {
            if (p instanceof SigmaString.Literal l) {
                cur.append(fold ? CaseFold.fold(l.text()) : l.text());
            } else {
                lits.add(cur.toString());
                cur.setLength(0);
                kindList.append(p instanceof SigmaString.Star ? '*' : '?');
            }
        }
        lits.add(cur.toString());
        this.literals = lits.toArray(String[]::new);
        this.kinds = kindList.toString().toCharArray();
        this.exact = kinds.length == 0 ? literals[0] : null;
    }

    /**
     * The longest of the pattern's literal runs (as compared: folded when the glob folds), which every text it
     * matches contains; empty when it has none, e.g. {@code *}.
     */
    String longestLiteral() {
        String best = "";
        for (String l : literals) {
            if (l.length() > best.length()) {
                best = l;
            }
        }
        return best;
    }

    /** The literal run every matching text starts with (as compared); empty when the pattern starts with a wildcard. */
    String prefix() {
        return literals[0];
    }

    boolean matches(String text) {
        if (exact != null) {
            return exact.equals(text);
        }
        if (!text.startsWith(literals[0])) {
            return false;
        }
        return matchFrom(text, literals[0].length(), 0);
    }

    /** Matches text[pos..] against wildcard {@code k} followed by literals[k+1] and the rest. */
    private boolean matchFrom(String text, int pos, int k) {
        if (k == kinds.length) {
            return pos == text.length();
        }
        String next = literals[k + 1];
        if (kinds[k] == '?') {
            if (pos >= text.length()) {
                return false;
            }
            int after = text.offsetByCodePoints(pos, 1);
            return text.startsWith(next, after) && matchFrom(text, after + next.length(), k + 1);
        }
        // '*': try each place the next literal occurs. The last star only needs the suffix check.
        if (k == kinds.length - 1) {
            return text.length() - pos >= next.length() && text.endsWith(next);
        }
        int from = pos;
        while (from <= text.length()) {
            // An empty literal (a star right before '?') matches at every position.
            int at = next.isEmpty() ? from : text.indexOf(next, from);
            if (at < 0) {
                return false;
            }
            if (matchFrom(text, at + next.length(), k + 1)) {
                return true;
            }
            if (kinds[k + 1] == '*') {
                return false; // a later star can absorb anything an earlier placement could: no need to retry
            }
            from = at + 1;
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(literals[0]);
        for (int i = 0; i < kinds.length; i++) {
            sb.append(kinds[i]).append(literals[i + 1]);
        }
        return sb.toString();
    }
}
