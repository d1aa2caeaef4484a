package dev.cloudwarden.engine.ingest.web;

import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an access-log line into its fields: bare words, {@code [bracketed]} timestamps and
 * {@code "quoted"} strings. Inside quotes Apache writes {@code \"} and {@code \\}, which are undone; its
 * {@code \xhh} escapes for control bytes are kept as written, since that text is what web-attack rules
 * (and people) look for.
 */
public final class Tokens {
    /** @param kind ' ' for a bare word, '"' for a quoted string (text unquoted), '[' for a bracketed one (text kept whole) */
    public record Token(String text, char kind) {
        public boolean isDash() {
            return text.equals("-");
        }
    }

    private Tokens() {
    }

    public static List<Token> split(String line) throws RecordRejectedException {
        List<Token> out = new ArrayList<>(32);
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '"') {
                StringBuilder text = new StringBuilder();
                int start = i++;
                boolean closed = false;
                while (i < n) {
                    char d = line.charAt(i++);
                    if (d == '\\' && i < n && (line.charAt(i) == '"' || line.charAt(i) == '\\')) {
                        text.append(line.charAt(i++));
                    } else if (d == '"') {
                        closed = true;
                        break;
                    } else {
                        text.append(d);
                    }
                }
                if (!closed) {
                    throw new RecordRejectedException("unterminated quoted field starting at column " + (start + 1));
                }
                out.add(new Token(text.toString(), '"'));
            } else if (c == '[') {
                int end = line.indexOf(']', i);
                if (end < 0) {
                    throw new RecordRejectedException("unterminated [bracketed] field starting at column " + (i + 1));
                }
                out.add(new Token(line.substring(i, end + 1), '['));
                i = end + 1;
            } else {
                int start = i;
                while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                    i++;
                }
                out.add(new Token(line.substring(start, i), ' '));
            }
        }
        return out;
    }
}
