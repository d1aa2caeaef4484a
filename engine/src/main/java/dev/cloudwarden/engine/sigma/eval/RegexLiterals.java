package dev.cloudwarden.engine.sigma.eval;

/**
 * Finds a literal that every match of a regular expression must contain, so most values can be turned
 * away with a substring search before RE2 runs (RE2 is linear but far slower than {@code indexOf}). The
 * analysis is deliberately conservative: any construct it does not understand (alternation, inline flags
 * other than a leading {@code (?i)}, classes, groups) just ends the current literal run, and a pattern with
 * alternation gets no literal at all.
 */
final class RegexLiterals {
    /** Shorter literals filter too little to be worth the extra search. */
    private static final int MIN_LENGTH = 3;

    private RegexLiterals() {
    }

    /** The longest required literal, or null. */
    static String required(String regex) {
        String re = regex.startsWith("(?i)") ? regex.substring(4) : regex;
        if (re.indexOf('|') >= 0 || re.contains("(?")) {
            return null;
        }
        String best = "";
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= re.length()) {
                        return null;
                    }
                    char e = re.charAt(++i);
                    if (Character.isLetterOrDigit(e)) {
                        best = longer(best, run); // \d, \w, \s, \b, \x.. : a class or assertion, not a literal
                        run.setLength(0);
                    } else {
                        run.append(e);
                    }
                }
                case '*', '?' -> {
                    dropLast(run); // the previous character is optional
                    best = longer(best, run);
                    run.setLength(0);
                }
                case '{' -> {
                    int close = re.indexOf('}', i);
                    if (close < 0) {
                        return null;
                    }
                    if (re.substring(i + 1, close).startsWith("0")) {
                        dropLast(run);
                    }
                    best = longer(best, run);
                    run.setLength(0);
                    i = close;
                }
                case '+' -> {
                    best = longer(best, run); // the previous character stays required
                    run.setLength(0);
                }
                case '[' -> {
                    best = longer(best, run);
                    run.setLength(0);
                    i = classEnd(re, i);
                    if (i < 0) {
                        return null;
                    }
                    if (i + 1 < re.length() && "*?{".indexOf(re.charAt(i + 1)) >= 0) {
                        continue; // the quantifier is handled with the next character: nothing to drop
                    }
                }
                case '(', ')', '.', '^', '$' -> {
                    best = longer(best, run);
                    run.setLength(0);
                }
                default -> run.append(c);
            }
        }
        best = longer(best, run);
        return best.length() >= MIN_LENGTH ? best : null;
    }

    private static int classEnd(String re, int open) {
        for (int i = open + 1; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']' && i > open + 1) {
                return i;
            }
        }
        return -1;
    }

    private static void dropLast(StringBuilder run) {
        if (!run.isEmpty()) {
            run.setLength(run.length() - 1);
        }
    }

    private static String longer(String best, StringBuilder run) {
        return run.length() > best.length() ? run.toString() : best;
    }
}
