package dev.cloudwarden.engine.posture.source.terraform;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.cloudwarden.engine.posture.source.terraform.Values.asInt;
import static dev.cloudwarden.engine.posture.source.terraform.Values.asList;
import static dev.cloudwarden.engine.posture.source.terraform.Values.asString;

/** Terraform's string functions. Regular expressions use RE2 (as Terraform does), so no input can backtrack forever. */
final class StringFunctions {
    private StringFunctions() {
    }

    static void register(Functions f) {
        f.add("lower", 1, (a, c) -> asString(a.get(0)).toLowerCase(java.util.Locale.ROOT));
        f.add("upper", 1, (a, c) -> asString(a.get(0)).toUpperCase(java.util.Locale.ROOT));
        f.add("title", 1, (a, c) -> title(asString(a.get(0))));
        f.add("trimspace", 1, (a, c) -> asString(a.get(0)).strip());
        f.add("chomp", 1, (a, c) -> chomp(asString(a.get(0))));
        f.add("strrev", 1, (a, c) -> new StringBuilder(asString(a.get(0))).reverse().toString());
        f.add("trim", 2, (a, c) -> trim(asString(a.get(0)), asString(a.get(1))));
        f.add("trimprefix", 2, (a, c) -> {
            String s = asString(a.get(0));
            String p = asString(a.get(1));
            return s.startsWith(p) ? s.substring(p.length()) : s;
        });
        f.add("trimsuffix", 2, (a, c) -> {
            String s = asString(a.get(0));
            String p = asString(a.get(1));
            return s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
        });
        f.add("startswith", 2, (a, c) -> asString(a.get(0)).startsWith(asString(a.get(1))));
        f.add("endswith", 2, (a, c) -> asString(a.get(0)).endsWith(asString(a.get(1))));
        f.add("strcontains", 2, (a, c) -> asString(a.get(0)).contains(asString(a.get(1))));
        f.add("split", 2, (a, c) -> split(asString(a.get(0)), asString(a.get(1))));
        f.add("join", 2, -1, StringFunctions::join);
        f.add("substr", 3, (a, c) -> substr(asString(a.get(0)), asInt(a.get(1)), asInt(a.get(2))));
        f.add("indent", 2, (a, c) -> indent(asInt(a.get(0)), asString(a.get(1))));
        f.add("replace", 3, (a, c) -> replace(asString(a.get(0)), asString(a.get(1)), asString(a.get(2))));
        f.add("regex", 2, (a, c) -> regex(asString(a.get(0)), asString(a.get(1))));
        f.add("regexall", 2, (a, c) -> regexAll(asString(a.get(0)), asString(a.get(1))));
        f.add("format", 1, -1, (a, c) -> Format.format(asString(a.get(0)), a.subList(1, a.size())));
        f.add("formatlist", 1, -1, StringFunctions::formatList);
    }

    private static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            out.append(start ? Character.toTitleCase(ch) : ch);
            start = !Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_' && ch != '\'';
        }
        return out.toString();
    }

    private static String chomp(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String trim(String s, String cut) {
        int start = 0;
        int end = s.length();
        while (start < end && cut.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && cut.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    private static List<Object> split(String sep, String s) {
        List<Object> out = new ArrayList<>();
        if (sep.isEmpty()) {
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        int from = 0;
        while (true) {
            int at = s.indexOf(sep, from);
            if (at < 0) {
                out.add(s.substring(from));
                return Budget.checkSize(out);
            }
            out.add(s.substring(from, at));
            from = at + sep.length();
            Budget.checkSize(out);
        }
    }

    private static Object join(List<Object> a, Functions.Context c) {
        String sep = asString(a.get(0));
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Object list : a.subList(1, a.size())) {
            for (Object item : asList(list)) {
                c.charge(1);
                if (!first) {
                    out.append(sep);
                }
                out.append(asString(item));
                first = false;
                if (out.length() > Budget.MAX_STRING) {
                    throw new EvalException("result longer than " + Budget.MAX_STRING + " characters");
                }
            }
        }
        return out.toString();
    }

    /** Offsets and lengths count characters (code points); a negative offset counts from the end. */
    private static String substr(String s, int offset, int length) {
        int[] cps = s.codePoints().toArray();
        int n = cps.length;
        if (offset < 0) {
            offset = n + offset;
        }
        if (offset < 0 || offset > n) {
            throw new EvalException("substr offset out of range");
        }
        int end = length < 0 ? n : Math.min(n, offset + length);
        return new String(cps, offset, Math.max(0, end - offset));
    }

    private static String indent(int spaces, String s) {
        if (spaces < 0 || spaces > 1000) {
            throw new EvalException("indent width out of range");
        }
        String pad = " ".repeat(spaces);
        return Budget.checkString(s.replace("\n", "\n" + pad));
    }

    /** A search string written {@code /.../} is a regular expression, as Terraform's {@code replace} defines. */
    private static String replace(String s, String search, String replacement) {
        if (search.length() >= 2 && search.startsWith("/") && search.endsWith("/")) {
            Pattern p = compile(search.substring(1, search.length() - 1));
            return Budget.checkString(p.matcher(s).replaceAll(goReplacement(replacement)));
        }
        if (search.isEmpty()) {
            throw new EvalException("replace() with an empty search string");
        }
        return Budget.checkString(s.replace(search, replacement));
    }

    /** Go's {@code $1}/{@code ${1}}/{@code ${name}} references become RE2J's; a literal dollar is {@code $$}. */
    private static String goReplacement(String r) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
            char ch = r.charAt(i);
            if (ch == '$' && i + 1 < r.length() && r.charAt(i + 1) == '$') {
                out.append("\\$");
                i++;
            } else if (ch == '\\') {
                out.append("\\\\");
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    static Pattern compile(String pattern) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new EvalException("invalid regular expression: " + e.getMessage());
        }
    }

    private static Object regex(String pattern, String s) {
        Pattern p = compile(pattern);
        Matcher m = p.matcher(s);
        if (!m.find()) {
            throw new EvalException("regex() found no match");
        }
        return captures(pattern, m);
    }

    private static Object regexAll(String pattern, String s) {
        Pattern p = compile(pattern);
        Matcher m = p.matcher(s);
        List<Object> out = new ArrayList<>();
        while (m.find()) {
            out.add(captures(pattern, m));
            Budget.checkSize(out);
            if (m.end() == m.start() && m.end() >= s.length()) {
                break;
            }
        }
        return out;
    }

    /** No groups: the match; named groups: an object by name; otherwise the list of groups. */
    private static Object captures(String pattern, Matcher m) {
        if (m.groupCount() == 0) {
            return m.group();
        }
        List<String> names = groupNames(pattern);
        if (!names.isEmpty()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String n : names) {
                out.put(n, m.group(n));
            }
            return out;
        }
        List<Object> out = new ArrayList<>();
        for (int i = 1; i <= m.groupCount(); i++) {
            out.add(m.group(i));
        }
        return out;
    }

    private static List<String> groupNames(String pattern) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(\\?P?<([A-Za-z][A-Za-z0-9_]*)>")
                .matcher(pattern);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Each list argument gives one element per result; the others repeat. All lists must be as long. */
    private static Object formatList(List<Object> a, Functions.Context c) {
        String spec = asString(a.get(0));
        List<Object> rest = a.subList(1, a.size());
        int n = -1;
        for (Object v : rest) {
            if (v instanceof List<?> l) {
                if (n >= 0 && n != l.size()) {
                    throw new EvalException("formatlist() lists must all be the same length");
                }
                n = l.size();
            }
        }
        if (n < 0) {
            return List.of(Format.format(spec, rest));
        }
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            c.charge(1);
            List<Object> args = new ArrayList<>(rest.size());
            for (Object v : rest) {
                args.add(v instanceof List<?> l ? l.get(i) : v);
            }
            out.add(Format.format(spec, args));
        }
        return out;
    }
}
