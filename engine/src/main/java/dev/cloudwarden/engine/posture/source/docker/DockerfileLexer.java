package dev.cloudwarden.engine.posture.source.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Dockerfile into its instructions as Docker's Dockerfile reference defines them: parser directives at the
 * very top ({@code # escape=`} changes the escape character), comment lines (also inside a continued instruction),
 * lines continued by the escape character at their end (spaces after it allowed), and here-documents
 * ({@code <<EOF} ... {@code EOF}, {@code <<-EOF} strips leading tabs, quoted names) after RUN, COPY and ADD.
 */
final class DockerfileLexer {
    /** Instructions that may carry here-documents (BuildKit's Dockerfile syntax 1.4 and later). */
    private static final List<String> HEREDOC_INSTRUCTIONS = List.of("RUN", "COPY", "ADD");
    private static final List<String> KNOWN_DIRECTIVES = List.of("syntax", "escape", "check");
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([A-Za-z][A-Za-z0-9_-]*)\\s*=\\s*(.*?)\\s*$");
    private static final Pattern HEREDOC = Pattern.compile("(?<!\\S)<<(-?)\\s*([\"']?)([A-Za-z_][A-Za-z0-9_.-]*)\\2");
    private static final Pattern SKIP = Pattern.compile("checkov:skip=([A-Za-z0-9_,-]+)(?::(.*))?");

    record Heredoc(String name, String content) {
    }

    /** One instruction: its keyword upper-cased, the text after it with continuations joined, its lines. */
    record RawInstruction(String keyword, String rest, int line, int endLine, List<Heredoc> heredocs) {
    }

    record Skip(String checkId, String reason, int line) {
    }

    record Problem(int line, String reason) {
    }

    record Lexed(Map<String, String> directives, char escape, List<RawInstruction> instructions, List<Skip> skips,
                 List<Problem> problems, int lineCount) {
    }

    private DockerfileLexer() {
    }

    static Lexed lex(String text) {
        String[] lines = text.split("\r?\n", -1);
        int n = lines.length;
        Map<String, String> directives = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        List<Skip> skips = new ArrayList<>();
        char escape = '\\';
        int i = 0;
        // Directives only at the top: the first comment that is not one, blank line or instruction ends them.
        for (; i < n; i++) {
            Matcher m = DIRECTIVE.matcher(lines[i].strip());
            if (!m.matches()) {
                break;
            }
            String key = m.group(1).toLowerCase(Locale.ROOT);
            // An unknown or repeated directive is a comment, and every line after it is no longer a directive.
            if (!KNOWN_DIRECTIVES.contains(key) || directives.containsKey(key)) {
                break;
            }
            directives.put(key, m.group(2));
            if (key.equals("escape")) {
                if (m.group(2).equals("`") || m.group(2).equals("\\")) {
                    escape = m.group(2).charAt(0);
                } else {
                    problems.add(new Problem(i + 1, "invalid escape directive '" + m.group(2) + "' (must be ` or \\)"));
                }
            }
            collectSkips(lines[i], i + 1, skips);
        }
        List<RawInstruction> instructions = new ArrayList<>();
        while (i < n) {
            String line = lines[i];
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                i++;
                continue;
            }
            if (stripped.startsWith("#")) {
                collectSkips(stripped, i + 1, skips);
                i++;
                continue;
            }
            int start = i;
            StringBuilder logical = new StringBuilder(line.stripLeading());
            int end = i;
            int cut;
            while ((cut = continuation(logical, escape)) >= 0) {
                logical.setLength(cut);
                int j = end + 1;
                while (j < n && (lines[j].isBlank() || lines[j].strip().startsWith("#"))) {
                    collectSkips(lines[j].strip(), j + 1, skips);
                    j++;
                }
                if (j >= n) {
                    end = n - 1;
                    break;
                }
                logical.append(lines[j]);
                end = j;
            }
            String joined = logical.toString().strip();
            int space = 0;
            while (space < joined.length() && !Character.isWhitespace(joined.charAt(space))) {
                space++;
            }
            String keyword = joined.substring(0, space).toUpperCase(Locale.ROOT);
            String rest = joined.substring(space).strip();
            List<Heredoc> heredocs = new ArrayList<>();
            i = end + 1;
            if (HEREDOC_INSTRUCTIONS.contains(keyword)) {
                Matcher h = HEREDOC.matcher(rest);
                while (h.find()) {
                    boolean stripTabs = !h.group(1).isEmpty();
                    String name = h.group(3);
                    StringBuilder body = new StringBuilder();
                    boolean closed = false;
                    while (i < n) {
                        String bodyLine = stripTabs ? lines[i].replaceFirst("^\t+", "") : lines[i];
                        i++;
                        if (bodyLine.equals(name)) {
                            closed = true;
                            break;
                        }
                        body.append(bodyLine).append('\n');
                    }
                    if (!closed) {
                        problems.add(new Problem(start + 1, "here-document <<" + name + " is not closed"));
                    }
                    heredocs.add(new Heredoc(name, body.toString()));
                }
                end = Math.max(end, i - 1);
            }
            instructions.add(new RawInstruction(keyword, rest, start + 1, end + 1, heredocs));
        }
        return new Lexed(directives, escape, instructions, skips, problems, n);
    }

    /** Where the continuation escape starts when the line ends with one (trailing blanks allowed), else -1. */
    private static int continuation(CharSequence s, char escape) {
        int k = s.length() - 1;
        while (k >= 0 && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
            k--;
        }
        return k >= 0 && s.charAt(k) == escape ? k : -1;
    }

    private static void collectSkips(String comment, int line, List<Skip> skips) {
        Matcher m = SKIP.matcher(comment);
        if (m.find()) {
            String reason = m.group(2) == null ? "" : m.group(2).strip();
            for (String id : m.group(1).split(",")) {
                if (!id.isBlank()) {
                    skips.add(new Skip(id.strip(), reason, line));
                }
            }
        }
    }
}
