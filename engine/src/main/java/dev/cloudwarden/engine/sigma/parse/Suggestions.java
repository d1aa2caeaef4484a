package dev.cloudwarden.engine.sigma.parse;

import java.util.Comparator;
import java.util.List;

/** "Did you mean ...?" for misspelt names, by edit distance. */
final class Suggestions {
    private Suggestions() {
    }

    static String didYouMean(String wrong, List<String> known) {
        return known.stream()
                .map(k -> new Object[]{k, distance(wrong.toLowerCase(), k)})
                .filter(p -> (int) p[1] <= Math.max(2, wrong.length() / 3))
                .min(Comparator.comparingInt(p -> (int) p[1]))
                .map(p -> " (did you mean '" + p[0] + "'?)")
                .orElse("");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
