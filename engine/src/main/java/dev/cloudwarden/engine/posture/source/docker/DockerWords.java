package dev.cloudwarden.engine.posture.source.docker;

import java.util.ArrayList;
import java.util.List;

/**
 * Word splitting for the instructions that take words (EXPOSE, ENV, LABEL, FROM, USER, ...): whitespace separates,
 * double and single quotes group and are removed, the file's escape character makes the next character literal
 * (except inside single quotes).
 */
final class DockerWords {
    private DockerWords() {
    }

    static List<String> split(String text, char escape) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= text.length()) {
                break;
            }
            int end = firstWordEnd(text, i, escape);
            words.add(unquote(text.substring(i, end), escape));
            i = end;
        }
        return words;
    }

    /** The end of the word starting at {@code from} (quotes and escapes keep a word together). */
    static int firstWordEnd(String text, int from, char escape) {
        char quote = 0;
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                break;
            }
            if (c == escape && quote != '\'' && i + 1 < text.length()) {
                i += 2;
                continue;
            }
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
            i++;
        }
        return i;
    }

    /** A word with its quotes removed and escapes applied. */
    static String unquote(String word, char escape) {
        StringBuilder out = new StringBuilder(word.length());
        char quote = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == escape && quote != '\'' && i + 1 < word.length()) {
                out.append(word.charAt(++i));
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
