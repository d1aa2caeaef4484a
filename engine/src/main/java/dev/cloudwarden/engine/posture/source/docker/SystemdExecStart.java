package dev.cloudwarden.engine.posture.source.docker;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code dockerd} command line of a systemd unit: the last {@code ExecStart=} that runs dockerd (an empty
 * {@code ExecStart=} clears the earlier ones, which is how drop-ins replace the packaged command), with systemd's
 * line continuations, comments and quoting.
 */
final class SystemdExecStart {
    record Found(String command, List<String> words, int line, int endLine) {
    }

    private SystemdExecStart() {
    }

    /** The dockerd arguments (after the program) of the unit's effective ExecStart, or null when it has none. */
    static Found last(String unit) {
        Found found = null;
        String[] lines = unit.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int start = i;
            StringBuilder logical = new StringBuilder(lines[i]);
            while (endsWithBackslash(logical) && i + 1 < lines.length) {
                logical.setLength(logical.length() - 1);
                logical.append(' ').append(lines[++i]);
            }
            String line = logical.toString().strip();
            if (line.startsWith("#") || line.startsWith(";") || !line.startsWith("ExecStart")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0 || !line.substring(0, eq).strip().equals("ExecStart")) {
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (value.isEmpty()) {
                found = null;
                continue;
            }
            while (!value.isEmpty() && "-@+!:".indexOf(value.charAt(0)) >= 0) {
                value = value.substring(1);
            }
            List<String> words = split(value);
            int program = programIndex(words);
            if (program >= 0) {
                found = new Found(value, List.copyOf(words.subList(program, words.size())), start + 1, i + 1);
            }
        }
        return found;
    }

    private static boolean endsWithBackslash(StringBuilder s) {
        int end = s.length();
        return end > 0 && s.charAt(end - 1) == '\\';
    }

    /** Where dockerd's arguments start: after {@code dockerd}, or after {@code docker daemon} (the old form). */
    private static int programIndex(List<String> words) {
        if (words.isEmpty()) {
            return -1;
        }
        String program = words.get(0).substring(words.get(0).lastIndexOf('/') + 1);
        if (program.equals("dockerd")) {
            return 1;
        }
        if (program.equals("docker") && words.size() > 1 && words.get(1).equals("daemon")) {
            return 2;
        }
        return -1;
    }

    /** systemd's word splitting: whitespace separates, single and double quotes group, backslash escapes. */
    static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                word.append(s.charAt(++i));
                inWord = true;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
