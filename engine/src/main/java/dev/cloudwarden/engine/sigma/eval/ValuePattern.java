package dev.cloudwarden.engine.sigma.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.event.RawRecord;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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
    record Regex(Pattern pattern) implements ValuePattern {
        @Override
        public boolean test(List<JsonNode> values, RawRecord record) {
            for (JsonNode v : values) {
                String text = FieldValues.text(v);
                if (text != null && pattern.matcher(text).find()) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "re '" + pattern.pattern() + "'";
        }
    }

    /** An IPv4 or IPv6 network; values that are not addresses never match. */
    record Cidr(IPAddress network) implements ValuePattern {
        @Override
        public boolean test(List<JsonNode> values, RawRecord record) {
            for (JsonNode v : values) {
                String text = FieldValues.text(v);
                if (text == null) {
                    continue;
                }
                IPAddress addr = new IPAddressString(text.trim()).getAddress();
                if (addr != null && network.contains(addr)) {
                    return true;
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

    /** {@code |exists: true/false}: key presence (a JSON null counts as present). */
    record Exists(boolean expected) implements ValuePattern {
        @Override
        public boolean test(List<JsonNode> values, RawRecord record) {
            return !values.isEmpty() == expected;
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

    /** {@code |neq} and negated forms: true when the inner pattern is not satisfied. */
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

    /** Time modifiers: a part of the field's timestamp (UTC) compared with the rule's number. */
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

        private Integer part(JsonNode v) {
            ZonedDateTime t;
            try {
                Instant instant = v.isNumber() ? dev.cloudwarden.engine.ingest.time.Timestamps.parseEpoch(v.asText())
                        : dev.cloudwarden.engine.ingest.time.Timestamps.parseIso(FieldValues.text(v));
                t = instant.atZone(ZoneOffset.UTC);
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
