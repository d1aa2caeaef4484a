package dev.cloudwarden.engine.sigma.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.ingest.time.Timestamps;
import inet.ipaddr.AddressStringParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.List;

/**
 * What one rule value means once its modifiers are applied. A pattern is tested against all the values
 * found at the field (arrays fanned out; empty when the field is absent) and holds when any of them
 * satisfies it, except for the presence tests ({@link Exists}, {@link IsNull}) and negation.
 */
public sealed interface ValuePattern {

    boolean test(List<JsonNode> values, RawRecord record);

    /** Wildcard string match, case-insensitive unless {@code cased}. */
    record StringMatch(String source, Glob glob, boolean cased) implements ValuePattern {
        @Override
        public boolean test(List<JsonNode> values, RawRecord record) {
            for (JsonNode v : values) {
                String text = FieldValues.text(v);
                if (text != null && glob.matches(cased ? text : CaseFold.fold(text))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return (cased ? "cased " : "") + "'" + source + "'";
        }
    }

    /**
     * Several {@code *literal*} values of one item (OR-ed) in one Aho-Corasick automaton: one pass over the
     * value instead of one search per literal. Holds the original patterns for backends that need them.
     */
    record ContainsAny(org.ahocorasick.trie.Trie trie, boolean cased, List<StringMatch> originals) implements ValuePattern {
        public ContainsAny {
            originals = List.copyOf(originals);
        }

        @Override
        public boolean test(List<JsonNode> values, RawRecord record) {
            for (JsonNode v : values) {
                String text = FieldValues.text(v);
                if (text != null && trie.firstMatch(cased ? text : CaseFold.fold(text)) != null) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "contains any of " + originals;
        }
    }

    /** A number or boolean from the rule: equal to the same JSON value or to its plain text form. */
    record Equals(String text, Double number) implements ValuePattern {
        @Override
        public boolean test(List<JsonNode> values, RawRecord record) {
            for (JsonNode v : values) {
                if (number != null) {
                    Double n = FieldValues.number(v);
                    if (n != null && n.doubleValue() == number) {
                        return true;
                    }
                }
                String t = FieldValues.text(v);
                if (t != null && t.equalsIgnoreCase(text)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** RE2 regular expression, unanchored (a match anywhere in the value). */
    record Regex(Pattern pattern, String requiredLiteral, boolean caseInsensitive) implements ValuePattern {
        /** A regex with its literal prefilter worked out (see {@link RegexLiterals}). */
        public static Regex of(Pattern pattern) {
            boolean ci = (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0 || pattern.pattern().startsWith("(?i)");
            String literal = RegexLiterals.required(pattern.pattern());
            // Multi-line and dot-all flags change nothing about which literals must occur.
            return new Regex(pattern, literal == null ? null : ci ? literal.toLowerCase(java.util.Locale.ROOT) : literal, ci);
        }

        @Override
        public boolean test(List<JsonNode> values, RawRecord record) {
            for (JsonNode v : values) {
                String text = FieldValues.text(v);
                if (text != null && mayMatch(text) && pattern.matcher(text).find()) {
                    return true;
                }
            }
            return false;
        }

        /** False only when the value cannot match: it lacks a literal every match contains. */
        private boolean mayMatch(String text) {
            if (requiredLiteral == null) {
                return true;
            }
            if (!caseInsensitive) {
                return text.contains(requiredLiteral);
            }
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) >= 0x80) {
                    return true; // RE2's case folding of non-ASCII differs from Java's: let the regex decide
                }
            }
            return text.toLowerCase(java.util.Locale.ROOT).contains(requiredLiteral);
        }

        @Override
        public String toString() {
            return "re '" + pattern.pattern() + "'";
        }
    }

    /**
     * IPv4 or IPv6 networks (an item's values OR-ed): a value holds when it is a single address in standard notation
     * inside one of them (no wildcards or ranges such as {@code 10.*}, no inet_aton forms such as {@code 167772161}).
     * An item's networks share one pattern so that each value is parsed once, not once per network.
     */
    record Cidr(List<IPAddress> networks) implements ValuePattern {
        /** Strict notation for rules and events alike; rules add a prefix length. */
        static final IPAddressStringParameters STRICT = strict(true);
        private static final IPAddressStringParameters ADDRESS_ONLY = strict(false);

        public Cidr {
            networks = List.copyOf(networks);
        }

        private static IPAddressStringParameters strict(boolean prefix) {
            return new IPAddressStringParameters.Builder().allowEmpty(false).allowAll(false).allowSingleSegment(false)
                    .allowMask(false).allowPrefixOnly(false).allowPrefix(prefix).allow_inet_aton(false)
                    .setRangeOptions(AddressStringParameters.RangeParameters.NO_RANGE).toParams();
        }

        @Override
        public boolean test(List<JsonNode> values, RawRecord record) {
            for (JsonNode v : values) {
                String text = v.isTextual() ? v.asText() : null;
                if (text == null) {
                    continue;
                }
                IPAddress addr = new IPAddressString(text.trim(), ADDRESS_ONLY).getAddress();
                if (addr == null) {
                    continue;
                }
                for (IPAddress network : networks) {
                    if (network.contains(addr)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** Numeric comparison; non-numbers never match. */
    record Compare(Op op, double bound) implements ValuePattern {
        public enum Op { LT, LTE, GT, GTE }

        @Override
        public boolean test(List<JsonNode> values, RawRecord record) {
            for (JsonNode v : values) {
                Double n = FieldValues.number(v);
                if (n != null && holds(n)) {
                    return true;
                }
            }
            return false;
        }

        boolean holds(double n) {
            return switch (op) {
                case LT -> n < bound;
                case LTE -> n <= bound;
                case GT -> n > bound;
                case GTE -> n >= bound;
            };
        }
    }

    /** {@code |exists: true/false}: key presence (a JSON null, '', [] and {} count as present). */
    record Exists(boolean expected, FieldPath field) implements ValuePattern {
        @Override
        public boolean test(List<JsonNode> values, RawRecord record) {
            // values is empty for an empty array at the end of the path: look for the key itself then.
            boolean present = !values.isEmpty() || FieldValues.present(record.tree(), field, 0);
            return present == expected;
        }
    }

    /** {@code field: null}: the field is missing or JSON null. */
    record IsNull() implements ValuePattern {
        @Override
        public boolean test(List<JsonNode> values, RawRecord record) {
            if (values.isEmpty()) {
                return true;
            }
            for (JsonNode v : values) {
                if (v.isNull()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code |fieldref}: equal to a value of another field of the same event. */
    record FieldRef(FieldPath other, boolean cased) implements ValuePattern {
        @Override
        public boolean test(List<JsonNode> values, RawRecord record) {
            List<JsonNode> others = record.getAll(other);
            for (JsonNode v : values) {
                String a = FieldValues.text(v);
                if (a == null) {
                    continue;
                }
                for (JsonNode o : others) {
                    String b = FieldValues.text(o);
                    if (b != null && (cased ? a.equals(b) : CaseFold.fold(a).equals(CaseFold.fold(b)))) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /**
     * {@code |neq}: the field has a value (not missing, not JSON null) and the inner pattern, the rule's
     * values OR-ed, does not hold for it: a missing field is not "different from" anything.
     */
    record Neq(ValuePattern inner) implements ValuePattern {
        @Override
        public boolean test(List<JsonNode> values, RawRecord record) {
            boolean hasValue = false;
            for (JsonNode v : values) {
                hasValue |= !v.isNull();
            }
            return hasValue && !inner.test(values, record);
        }
    }

    /** A negated pattern: true when the inner pattern is not satisfied. */
    record Not(ValuePattern inner) implements ValuePattern {
        @Override
        public boolean test(List<JsonNode> values, RawRecord record) {
            return !inner.test(values, record);
        }
    }

    /** Alternatives produced by one value (windash permutations, base64offset variants). */
    record AnyOf(List<ValuePattern> alternatives) implements ValuePattern {
        public AnyOf {
            alternatives = List.copyOf(alternatives);
        }

        @Override
        public boolean test(List<JsonNode> values, RawRecord record) {
            for (ValuePattern p : alternatives) {
                if (p.test(values, record)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Time modifiers: a part of the field's timestamp compared with the rule's number. The part is read as
     * the timestamp writes it, in its own offset (the specification: "not designed to handle timezone or
     * format conversions"); epoch numbers and other formats are read in UTC.
     */
    record TimePart(Unit unit, ValuePattern onPart) implements ValuePattern {
        public enum Unit { MINUTE, HOUR, DAY, WEEK, MONTH, YEAR }

        @Override
        public boolean test(List<JsonNode> values, RawRecord record) {
            for (JsonNode v : values) {
                Integer part = part(v);
                if (part != null && onPart.test(List.of(dev.cloudwarden.engine.event.Json.NODES.numberNode(part)), record)) {
                    return true;
                }
            }
            return false;
        }

        private static final DateTimeFormatter AS_WRITTEN = new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .append(DateTimeFormatter.ISO_LOCAL_DATE)
                .optionalStart().appendLiteral('T').optionalEnd()
                .optionalStart().appendLiteral(' ').optionalEnd()
                .append(DateTimeFormatter.ISO_LOCAL_TIME)
                .optionalStart().appendOffsetId().optionalEnd()
                .toFormatter();

        private Integer part(JsonNode v) {
            LocalDateTime t;
            try {
                if (v.isNumber()) {
                    t = LocalDateTime.ofInstant(Timestamps.parseEpoch(v.asText()), ZoneOffset.UTC);
                } else {
                    String text = FieldValues.text(v);
                    if (text == null) {
                        return null;
                    }
                    try {
                        t = LocalDateTime.from(AS_WRITTEN.parse(text.trim()));
                    } catch (DateTimeParseException otherFormat) {
                        t = LocalDateTime.ofInstant(Timestamps.parseIso(text), ZoneOffset.UTC);
                    }
                }
            } catch (RuntimeException notATime) {
                return null;
            }
            return switch (unit) {
                case MINUTE -> t.getMinute();
                case HOUR -> t.getHour();
                case DAY -> t.getDayOfMonth();
                case WEEK -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                case MONTH -> t.getMonthValue();
                case YEAR -> t.getYear();
            };
        }

    }
}
