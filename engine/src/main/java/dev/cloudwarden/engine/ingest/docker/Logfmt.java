package dev.cloudwarden.engine.ingest.docker;

import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The logfmt that logrus (dockerd's logger) writes: {@code key=value} pairs separated by spaces, where a
 * value with spaces or quotes is double-quoted with Go's escapes ({@code \"}, {@code \\}, {@code \n},
 * {@code \t}).
 */
final class Logfmt {
    private Logfmt() {
    }

    /** True when {@code text} starts like logrus output ({@code time="..."} then {@code level=}). */
    static boolean looksLike(String text) {
        return text.startsWith("time=\"") && text.contains(" level=") && text.contains(" msg=");
    }

    /** The pairs in order; a key without '=' is kept with an empty value. */
    static Map<String, String> parse(String text) throws RecordRejectedException {
        Map<String, String> pairs = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            if (i == n) {
                break;
            }
            int keyStart = i;
            while (i < n && text.charAt(i) != '=' && text.charAt(i) != ' ') {
                i++;
            }
            String key = text.substring(keyStart, i);
            if (i == n || text.charAt(i) == ' ') {
                pairs.put(key, "");
                continue;
            }
            i++; // '='
            if (i < n && text.charAt(i) == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        closed = true;
                        break;
                    }
                    if (c == '\\' && i < n) {
                        char e = text.charAt(i++);
                        value.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            default -> e;
                        });
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw new RecordRejectedException("unterminated quoted value for key '" + key + "'");
                }
                pairs.put(key, value.toString());
            } else {
                int valueStart = i;
                while (i < n && text.charAt(i) != ' ') {
                    i++;
                }
                pairs.put(key, text.substring(valueStart, i));
            }
        }
        return pairs;
    }
}
