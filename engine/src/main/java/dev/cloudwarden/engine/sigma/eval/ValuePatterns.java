package dev.cloudwarden.engine.sigma.eval;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.sigma.model.FieldItem;
import dev.cloudwarden.engine.sigma.model.Modifier;
import dev.cloudwarden.engine.sigma.parse.RuleError;
import dev.cloudwarden.engine.sigma.parse.RuleErrorCode;
import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The meaning of a field item: its modifiers applied, in the order written, to each of its values. This is
 * the one place Sigma's value semantics live; the reference interpreter and the compiler both use it.
 */
public final class ValuePatterns {
    private static final Set<Modifier> STRING_TRANSFORMS = EnumSet.of(Modifier.CONTAINS, Modifier.STARTSWITH,
            Modifier.ENDSWITH, Modifier.WINDASH, Modifier.BASE64, Modifier.BASE64OFFSET, Modifier.UTF16LE,
            Modifier.UTF16BE, Modifier.UTF16, Modifier.WIDE);
    private static final Set<Modifier> COMPARISONS = EnumSet.of(Modifier.LT, Modifier.LTE, Modifier.GT, Modifier.GTE);
    private static final Set<Modifier> TIME_UNITS = EnumSet.of(Modifier.MINUTE, Modifier.HOUR, Modifier.DAY,
            Modifier.WEEK, Modifier.MONTH, Modifier.YEAR);
    private static final Set<Modifier> REGEX_FLAGS = EnumSet.of(Modifier.I, Modifier.M, Modifier.S);
    private static final String DASHES = "-/\u2013\u2014\u2015";
    private static final int MAX_WINDASH_VARIANTS = 5 * 5 * 5 * 5 * 5;
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("(?<!\\\\)%([^%\\s]+)%");

    private ValuePatterns() {
    }

    /** Compiles one field item; {@code path} names it in errors ({@code detection.selection.eventName|contains}). */
    public static ItemMatcher compile(FieldItem item, String path, SigmaConfig config) throws RuleSemanticException {
        List<Modifier> mods = item.modifiers();
        Set<Modifier> set = mods.isEmpty() ? EnumSet.noneOf(Modifier.class) : EnumSet.copyOf(mods);
        check(item, path, set);
        FieldPath field = item.field() == null ? null : FieldPath.of(item.field());
        List<ValuePattern> patterns = new ArrayList<>();
        for (Object value : item.values()) {
            patterns.add(pattern(value, item, path, set, config));
        }
        if (set.contains(Modifier.NEQ)) {
            // "different from the values": none of them, whatever the list linking says.
            ValuePattern any = patterns.size() == 1 ? patterns.get(0) : new ValuePattern.AnyOf(patterns);
            return new ItemMatcher(field, List.of(new ValuePattern.Neq(any)), false);
        }
        return new ItemMatcher(field, set.contains(Modifier.ALL) ? patterns : mergeCidrs(mergeContains(patterns)),
                set.contains(Modifier.ALL));
    }

    /** Below this many literals, separate searches are as fast as an automaton. */
    private static final int AUTOMATON_FROM = 4;

    /**
     * OR-ed {@code *literal*} patterns of one item (plain contains values, case-folded or cased alike) become
     * one {@link ValuePattern.ContainsAny}; the rest stay as they are.
     */
    private static List<ValuePattern> mergeContains(List<ValuePattern> patterns) {
        for (boolean cased : new boolean[]{false, true}) {
            List<ValuePattern.StringMatch> mergeable = new ArrayList<>();
            for (ValuePattern p : patterns) {
                if (p instanceof ValuePattern.StringMatch s && s.cased() == cased && containsLiteral(s) != null) {
                    mergeable.add(s);
                }
            }
            if (mergeable.size() < AUTOMATON_FROM) {
                continue;
            }
            org.ahocorasick.trie.Trie.TrieBuilder b = org.ahocorasick.trie.Trie.builder().ignoreOverlaps().stopOnHit();
            for (ValuePattern.StringMatch s : mergeable) {
                String literal = containsLiteral(s);
                b.addKeyword(cased ? literal : CaseFold.fold(literal));
            }
            List<ValuePattern> out = new ArrayList<>();
            out.add(new ValuePattern.ContainsAny(b.build(), cased, mergeable));
            patterns.stream().filter(p -> !mergeable.contains(p)).forEach(out::add);
            patterns = out;
        }
        return patterns;
    }

    /** OR-ed networks of one item become one {@link ValuePattern.Cidr}, so each value is parsed once. */
    private static List<ValuePattern> mergeCidrs(List<ValuePattern> patterns) {
        List<IPAddress> networks = new ArrayList<>();
        List<ValuePattern> out = new ArrayList<>();
        for (ValuePattern p : patterns) {
            if (p instanceof ValuePattern.Cidr c) {
                networks.addAll(c.networks());
            } else {
                out.add(p);
            }
        }
        if (networks.size() > 1) {
            out.add(0, new ValuePattern.Cidr(networks));
            return out;
        }
        return patterns;
    }

    /** The literal of a {@code *literal*} pattern (non-empty, no other wildcard), or null. */
    private static String containsLiteral(ValuePattern.StringMatch s) {
        List<SigmaString.Part> parts = SigmaString.parse(s.source()).parts();
        return parts.size() == 3 && parts.get(0) instanceof SigmaString.Star && parts.get(2) instanceof SigmaString.Star
                && parts.get(1) instanceof SigmaString.Literal l && !l.text().isEmpty() ? l.text() : null;
    }

    private static void check(FieldItem item, String path, Set<Modifier> set) throws RuleSemanticException {
        if (set.contains(Modifier.EXISTS) && set.size() > 1) {
            throw error(item, path, RuleErrorCode.INVALID_MODIFIER, "exists cannot be combined with other modifiers");
        }
        if (!set.contains(Modifier.RE)) {
            for (Modifier flag : REGEX_FLAGS) {
                if (set.contains(flag)) {
                    throw error(item, path, RuleErrorCode.INVALID_MODIFIER, "'" + flag.id() + "' is a flag of 're' and needs it");
                }
            }
        }
        int types = (set.contains(Modifier.RE) ? 1 : 0) + (set.contains(Modifier.CIDR) ? 1 : 0)
                + (set.contains(Modifier.FIELDREF) ? 1 : 0) + (set.stream().anyMatch(COMPARISONS::contains) ? 1 : 0);
        if (types > 1) {
            throw error(item, path, RuleErrorCode.INVALID_MODIFIER, "re, cidr, fieldref and gt/gte/lt/lte exclude each other");
        }
        if (types == 1 && set.stream().anyMatch(STRING_TRANSFORMS::contains)) {
            throw error(item, path, RuleErrorCode.INVALID_MODIFIER, "string transformations (contains, base64...) "
                    + "cannot be combined with " + (set.contains(Modifier.RE) ? "re" : set.contains(Modifier.CIDR) ? "cidr"
                    : set.contains(Modifier.FIELDREF) ? "fieldref" : "a numeric comparison"));
        }
        if (set.stream().filter(COMPARISONS::contains).count() > 1) {
            throw error(item, path, RuleErrorCode.INVALID_MODIFIER, "use one comparison per field item (gt, gte, lt or lte)");
        }
        if (set.stream().filter(TIME_UNITS::contains).count() > 1) {
            throw error(item, path, RuleErrorCode.INVALID_MODIFIER, "use one time modifier per field item");
        }
        // Keywords (no field) may be strings or regular expressions (pySigma's unbound values).
        if (item.field() == null && (types > (set.contains(Modifier.RE) ? 1 : 0) || set.contains(Modifier.EXISTS)
                || set.contains(Modifier.NEQ) || set.stream().anyMatch(TIME_UNITS::contains))) {
            throw error(item, path, RuleErrorCode.INVALID_MODIFIER, "keyword searches take string modifiers and re only");
        }
    }

    private static ValuePattern pattern(Object value, FieldItem item, String path, Set<Modifier> set, SigmaConfig config)
            throws RuleSemanticException {
        if (set.contains(Modifier.EXISTS)) {
            if (!(value instanceof Boolean b)) {
                throw error(item, path, RuleErrorCode.INVALID_VALUE, "exists takes true or false, not '" + value + "'");
            }
            return new ValuePattern.Exists(b, FieldPath.of(item.field()));
        }
        if (value == null) {
            if (item.field() == null) {
                throw error(item, path, RuleErrorCode.INVALID_VALUE, "null is not a keyword");
            }
            if (set.stream().anyMatch(m -> m != Modifier.NEQ && m != Modifier.ALL)) {
                throw error(item, path, RuleErrorCode.INVALID_MODIFIER, "null takes no modifiers");
            }
            return new ValuePattern.IsNull();
        }
        Modifier timeUnit = set.stream().filter(TIME_UNITS::contains).findFirst().orElse(null);
        Modifier comparison = set.stream().filter(COMPARISONS::contains).findFirst().orElse(null);
        if (comparison != null || timeUnit != null) {
            Double n = value instanceof Number num ? Double.valueOf(num.doubleValue())
                    : value instanceof String s ? FieldValues.parseNumber(s.trim()) : null;
            if (n == null) {
                throw error(item, path, RuleErrorCode.INVALID_VALUE, (comparison != null ? comparison.id() : timeUnit.id())
                        + " needs a number, got '" + value + "'");
            }
            ValuePattern p = comparison == null ? new ValuePattern.Equals(text(value), n)
                    : new ValuePattern.Compare(ValuePattern.Compare.Op.valueOf(comparison.name()), n);
            return timeUnit == null ? p
                    : new ValuePattern.TimePart(ValuePattern.TimePart.Unit.valueOf(timeUnit.name()), p);
        }
        boolean cased = set.contains(Modifier.CASED);
        if (set.contains(Modifier.RE)) {
            return regex(text(value), item, path, set);
        }
        if (set.contains(Modifier.CIDR)) {
            return cidr(text(value), item, path);
        }
        if (set.contains(Modifier.FIELDREF)) {
            return new ValuePattern.FieldRef(FieldPath.of(text(value)), cased);
        }
        if (!(value instanceof String) && !item.isKeyword() && set.stream().noneMatch(STRING_TRANSFORMS::contains)) {
            // A bare number or boolean equals the same JSON value or its plain text form.
            return new ValuePattern.Equals(text(value), value instanceof Number n ? n.doubleValue() : null);
        }
        // Encoded forms are bytes written as text: their case is part of what they encode (aHR0cA vs AHr0Ca).
        boolean exact = cased || set.contains(Modifier.BASE64) || set.contains(Modifier.BASE64OFFSET);
        List<String> texts = set.contains(Modifier.EXPAND) ? expand(text(value), item, path, config) : List.of(text(value));
        List<ValuePattern> alternatives = new ArrayList<>();
        for (String t : texts) {
            for (SigmaString s : transform(SigmaString.parse(t), item, path)) {
                if (item.isKeyword()) {
                    s = s.prependStar().appendStar(); // a keyword is found anywhere in a value, as full-text search does
                }
                alternatives.add(new ValuePattern.StringMatch(s.toString(), new Glob(s, !exact), exact));
            }
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new ValuePattern.AnyOf(alternatives);
    }

    /** Applies the string modifiers in the order written. Encodings work on bytes until base64 turns them to text. */
    private static List<SigmaString> transform(SigmaString start, FieldItem item, String path) throws RuleSemanticException {
        List<SigmaString> current = new ArrayList<>(List.of(start));
        List<byte[]> bytes = null; // set after an utf16 modifier, until a base64 modifier consumes it
        for (Modifier m : item.modifiers()) {
            switch (m) {
                case WINDASH -> {
                    List<SigmaString> next = new ArrayList<>();
                    for (SigmaString s : current) {
                        next.addAll(s.mapLiterals(ValuePatterns::windash));
                    }
                    if (next.size() > MAX_WINDASH_VARIANTS) {
                        throw error(item, path, RuleErrorCode.INVALID_VALUE, "windash would make " + next.size()
                                + " variants; split the value");
                    }
                    current = next;
                }
                case UTF16LE, WIDE, UTF16BE, UTF16 -> {
                    bytes = new ArrayList<>();
                    for (SigmaString s : current) {
                        bytes.add(encode(plain(s, m, item, path), m));
                    }
                }
                case BASE64, BASE64OFFSET -> {
                    List<byte[]> input = bytes;
                    if (input == null) {
                        input = new ArrayList<>();
                        for (SigmaString s : current) {
                            input.add(plain(s, m, item, path).getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    List<SigmaString> next = new ArrayList<>();
                    for (byte[] b : input) {
                        for (String encoded : m == Modifier.BASE64 ? List.of(Base64.getEncoder().encodeToString(b))
                                : base64Offsets(b)) {
                            next.add(SigmaString.literal(encoded));
                        }
                    }
                    current = next;
                    bytes = null;
                }
                case CONTAINS, STARTSWITH, ENDSWITH -> {
                    if (bytes != null) {
                        current = asLatin1(bytes);
                        bytes = null;
                    }
                    List<SigmaString> next = new ArrayList<>();
                    for (SigmaString s : current) {
                        next.add(m == Modifier.CONTAINS ? s.prependStar().appendStar()
                                : m == Modifier.STARTSWITH ? s.appendStar() : s.prependStar());
                    }
                    current = next;
                }
                default -> { }
            }
        }
        return bytes != null ? asLatin1(bytes) : current;
    }

    private static List<SigmaString> asLatin1(List<byte[]> bytes) {
        return bytes.stream().map(b -> SigmaString.literal(new String(b, StandardCharsets.ISO_8859_1))).toList();
    }

    private static String plain(SigmaString s, Modifier m, FieldItem item, String path) throws RuleSemanticException {
        if (s.hasWildcards()) {
            throw error(item, path, RuleErrorCode.INVALID_VALUE, m.id() + " cannot encode wildcards; escape them or "
                    + "put contains/startswith/endswith after it");
        }
        return s.plain();
    }

    private static byte[] encode(String text, Modifier m) {
        return switch (m) {
            case UTF16LE, WIDE -> text.getBytes(StandardCharsets.UTF_16LE);
            case UTF16BE -> text.getBytes(StandardCharsets.UTF_16BE);
            default -> { // UTF16: byte order mark, then little-endian, as Windows writes it
                byte[] le = text.getBytes(StandardCharsets.UTF_16LE);
                byte[] out = new byte[le.length + 2];
                out[0] = (byte) 0xFF;
                out[1] = (byte) 0xFE;
                System.arraycopy(le, 0, out, 2, le.length);
                yield out;
            }
        };
    }

    /**
     * The three base64 forms a value takes depending on its offset (0, 1 or 2 bytes) inside a longer
     * encoded text: encode it behind that many filler bytes and keep only the characters that do not
     * depend on the filler or on what follows.
     */
    static List<String> base64Offsets(byte[] value) {
        List<String> out = new ArrayList<>(3);
        for (int shift = 0; shift < 3; shift++) {
            byte[] padded = new byte[shift + value.length];
            System.arraycopy(value, 0, padded, shift, value.length);
            String enc = Base64.getEncoder().encodeToString(padded);
            int start = shift == 0 ? 0 : shift == 1 ? 2 : 3;
            int total = shift + value.length;
            // Characters after the last full 3-byte group depend on the bytes that follow the value.
            int end = switch (total % 3) {
                case 0 -> enc.length();
                case 1 -> enc.length() - 3;
                default -> enc.length() - 2;
            };
            if (end > start) {
                out.add(enc.substring(start, end));
            }
        }
        return out;
    }

    private static List<String> windash(String text) {
        List<String> variants = new ArrayList<>();
        variants.add("");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            List<String> next = new ArrayList<>();
            if (DASHES.indexOf(c) >= 0) {
                for (String v : variants) {
                    for (int d = 0; d < DASHES.length(); d++) {
                        next.add(v + DASHES.charAt(d));
                    }
                }
            } else {
                for (String v : variants) {
                    next.add(v + c);
                }
            }
            variants = next;
            if (variants.size() > MAX_WINDASH_VARIANTS) {
                return variants; // the caller reports it
            }
        }
        return variants;
    }

    private static ValuePattern regex(String re, FieldItem item, String path, Set<Modifier> set) throws RuleSemanticException {
        int flags = (set.contains(Modifier.I) ? Pattern.CASE_INSENSITIVE : 0)
                | (set.contains(Modifier.M) ? Pattern.MULTILINE : 0)
                | (set.contains(Modifier.S) ? Pattern.DOTALL : 0);
        try {
            return ValuePattern.Regex.of(Pattern.compile(re, flags));
        } catch (PatternSyntaxException e) {
            throw error(item, path, RuleErrorCode.INVALID_REGEX, "RE2 cannot compile '" + re + "': " + e.getDescription());
        }
    }

    private static ValuePattern cidr(String text, FieldItem item, String path) throws RuleSemanticException {
        try {
            IPAddress network = new IPAddressString(text.trim(), ValuePattern.Cidr.STRICT).toAddress();
            return new ValuePattern.Cidr(List.of(network.toPrefixBlock()));
        } catch (AddressStringException e) {
            throw error(item, path, RuleErrorCode.INVALID_CIDR, "'" + text + "' is not an IPv4 or IPv6 network: " + e.getMessage());
        }
    }

    private static List<String> expand(String value, FieldItem item, String path, SigmaConfig config)
            throws RuleSemanticException {
        List<String> results = new ArrayList<>(List.of(""));
        Matcher m = PLACEHOLDER.matcher(value);
        int last = 0;
        while (m.find()) {
            String literal = value.substring(last, m.start()).replace("\\%", "%");
            List<String> values = config.placeholders().get(m.group(1));
            if (values == null || values.isEmpty()) {
                throw error(item, path, RuleErrorCode.UNKNOWN_PLACEHOLDER, "placeholder %" + m.group(1)
                        + "% has no values in the configuration");
            }
            List<String> next = new ArrayList<>();
            for (String r : results) {
                for (String v : values) {
                    next.add(r + literal + v);
                }
            }
            results = next;
            last = m.end();
        }
        String tail = value.substring(last).replace("\\%", "%");
        results.replaceAll(r -> r + tail);
        return results;
    }

    private static String text(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.valueOf(d); // keep "5.0" as written by YAML
        }
        return String.valueOf(value);
    }

    private static RuleSemanticException error(FieldItem item, String path, RuleErrorCode code, String message) {
        return new RuleSemanticException(new RuleError(code, message, path, item.location()));
    }

}
