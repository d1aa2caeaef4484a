package dev.cloudwarden.engine.intel.feed;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parsed STIX 2.1 pattern (the patterning language of STIX 2.1 section 9, grammar {@code STIXPattern.g4}).
 *
 * <p>The tree keeps everything the text said, so {@code parse(p.print())} equals {@code p}: observation
 * expressions joined by {@code AND}/{@code OR}/{@code FOLLOWEDBY}, their qualifiers ({@code WITHIN n SECONDS},
 * {@code REPEATS n TIMES}, {@code START t'..' STOP t'..'}), and inside each {@code [...]} comparison expressions
 * joined by {@code AND}/{@code OR}, each an object path, an operator (optionally negated with {@code NOT}) and a
 * literal. A chain of one operator ({@code a OR b OR c}) is one n-ary node; parentheses in the text make nesting.
 *
 * <p>CloudWarden matches indicators value by value ({@link PatternIocs}), so qualifiers and the cross-observation
 * operators are parsed and kept but not enforced.
 */
public record StixPattern(Observation root) {
    public StixPattern {
        Objects.requireNonNull(root, "root");
    }

    /** Longest pattern text accepted, in characters. */
    public static final int MAX_LENGTH = 1 << 20;
    /** Deepest nesting of brackets and parentheses accepted. */
    public static final int MAX_DEPTH = 64;

    /**
     * Parses a pattern.
     *
     * @throws StixPatternException with the character offset and what was expected there; never anything else
     */
    public static StixPattern parse(String text) throws StixPatternException {
        return new StixPatternParser(text).parse();
    }

    /** The pattern as text that parses back to this tree (canonical spacing, parentheses only where needed). */
    public String print() {
        StringBuilder sb = new StringBuilder();
        StixPatternPrinter.observation(root, sb);
        return sb.toString();
    }

    @Override
    public String toString() {
        return print();
    }

    // ---- observation expressions ------------------------------------------------------------------------

    public enum ObservationOp { AND, OR, FOLLOWEDBY }

    /** An observation expression. */
    public sealed interface Observation permits Simple, Join, Qualified {
    }

    /** {@code [comparison]}: one observed object. */
    public record Simple(Comparison comparison) implements Observation {
        public Simple {
            Objects.requireNonNull(comparison);
        }
    }

    /** Two or more observation expressions joined by one operator. */
    public record Join(ObservationOp op, List<Observation> parts) implements Observation {
        public Join {
            Objects.requireNonNull(op);
            parts = List.copyOf(parts);
            if (parts.size() < 2) {
                throw new IllegalArgumentException("a join needs two parts or more");
            }
        }
    }

    /** An observation expression with a qualifier. */
    public record Qualified(Observation observation, Qualifier qualifier) implements Observation {
        public Qualified {
            Objects.requireNonNull(observation);
            Objects.requireNonNull(qualifier);
        }
    }

    /** A qualifier: when, how often, or within what time the observation must hold. */
    public sealed interface Qualifier permits Within, Repeats, StartStop {
    }

    /** {@code WITHIN seconds SECONDS}; seconds is positive. */
    public record Within(BigDecimal seconds) implements Qualifier {
        public Within {
            if (seconds.signum() <= 0) {
                throw new IllegalArgumentException("WITHIN needs a positive number of seconds");
            }
        }
    }

    /** {@code REPEATS times TIMES}; times is positive. */
    public record Repeats(BigInteger times) implements Qualifier {
        public Repeats {
            if (times.signum() <= 0) {
                throw new IllegalArgumentException("REPEATS needs a positive count");
            }
        }
    }

    /** {@code START t'...' STOP t'...'}. */
    public record StartStop(Timestamp start, Timestamp stop) implements Qualifier {
    }

    // ---- comparison expressions ----------------------------------------------------------------------------

    public enum BoolOp { AND, OR }

    /** A comparison expression inside {@code [...]}. */
    public sealed interface Comparison permits Bool, PropTest, Exists {
    }

    /** Two or more comparison expressions joined by one operator. */
    public record Bool(BoolOp op, List<Comparison> parts) implements Comparison {
        public Bool {
            Objects.requireNonNull(op);
            parts = List.copyOf(parts);
            if (parts.size() < 2) {
                throw new IllegalArgumentException("a boolean needs two parts or more");
            }
        }
    }

    /** The comparison operators; {@link #token} is how they print. */
    public enum Op {
        EQ("="), NEQ("!="), GT(">"), LT("<"), GE(">="), LE("<="), IN("IN"), LIKE("LIKE"), MATCHES("MATCHES"),
        ISSUBSET("ISSUBSET"), ISSUPERSET("ISSUPERSET");

        public final String token;

        Op(String token) {
            this.token = token;
        }
    }

    /** {@code path [NOT] op value}. */
    public record PropTest(ObjectPath path, boolean negated, Op op, Literal value) implements Comparison {
        public PropTest {
            Objects.requireNonNull(path);
            Objects.requireNonNull(op);
            Objects.requireNonNull(value);
            boolean ok = switch (op) {
                case EQ, NEQ -> !(value instanceof SetLit);
                case GT, LT, GE, LE -> !(value instanceof SetLit) && !(value instanceof BoolLit);
                case IN -> value instanceof SetLit;
                case LIKE, MATCHES, ISSUBSET, ISSUPERSET -> value instanceof Str;
            };
            if (!ok) {
                throw new IllegalArgumentException(op.token + " cannot take " + value);
            }
        }
    }

    /** {@code [NOT] EXISTS path}. */
    public record Exists(boolean negated, ObjectPath path) implements Comparison {
        public Exists {
            Objects.requireNonNull(path);
        }
    }

    // ---- object paths ----------------------------------------------------------------------------------------

    private static final Pattern TYPE = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_-]*");

    /** {@code type:first.step[0].'quoted step'}. */
    public record ObjectPath(String objectType, List<Step> steps) {
        public ObjectPath {
            if (!TYPE.matcher(objectType).matches() || StixPatternParser.isKeyword(objectType)) {
                throw new IllegalArgumentException("not an object type: " + objectType);
            }
            steps = List.copyOf(steps);
            if (steps.isEmpty() || !(steps.get(0) instanceof Key)) {
                throw new IllegalArgumentException("an object path starts with a property name");
            }
        }

        /** The path after the colon, keys joined by dots, indexes in brackets: {@code hashes.SHA-256}, {@code to_refs[*].value}. */
        public String property() {
            StringBuilder sb = new StringBuilder();
            for (Step s : steps) {
                if (s instanceof Key k) {
                    if (sb.length() > 0) {
                        sb.append('.');
                    }
                    sb.append(k.name());
                } else {
                    Integer i = ((Index) s).index();
                    sb.append('[').append(i == null ? "*" : i.toString()).append(']');
                }
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return objectType + ":" + property();
        }
    }

    /** One step of an object path. */
    public sealed interface Step permits Key, Index {
    }

    /** A property name (printed bare when it is an identifier, quoted otherwise). */
    public record Key(String name) implements Step {
        public Key {
            Objects.requireNonNull(name);
        }
    }

    /** A list index; null for {@code [*]}. */
    public record Index(Integer index) implements Step {
    }

    // ---- literals --------------------------------------------------------------------------------------------

    /** A literal value. */
    public sealed interface Literal permits Str, Int, Flt, BoolLit, Binary, Hex, Timestamp, SetLit {
    }

    public record Str(String value) implements Literal {
        public Str {
            Objects.requireNonNull(value);
        }
    }

    public record Int(BigInteger value) implements Literal {
        public Int {
            Objects.requireNonNull(value);
        }
    }

    /** A float literal; kept as written after the sign, so {@code 1.50} stays {@code 1.50}. */
    public record Flt(BigDecimal value) implements Literal {
        public Flt {
            if (value.scale() <= 0) {
                value = value.setScale(1);
            }
        }
    }

    public record BoolLit(boolean value) implements Literal {
    }

    /** {@code b'base64'}. */
    public record Binary(String base64) implements Literal {
        public Binary {
            Objects.requireNonNull(base64);
        }
    }

    /** {@code h'hex'}. */
    public record Hex(String hex) implements Literal {
        public Hex {
            Objects.requireNonNull(hex);
        }
    }

    /** {@code t'2019-01-01T00:00:00Z'}, kept as written. */
    public record Timestamp(String text) implements Literal {
        public Timestamp {
            Objects.requireNonNull(text);
        }

        /** The instant; a leap second ({@code :60}) counts as the second before it. */
        public Instant instant() {
            return Instant.parse(text.substring(0, 17) + (text.startsWith("60", 17) ? "59" : text.substring(17, 19))
                    + text.substring(19));
        }
    }

    /** {@code ('a', 'b')} for {@code IN}. */
    public record SetLit(List<Literal> values) implements Literal {
        public SetLit {
            values = List.copyOf(values);
            for (Literal v : values) {
                if (v instanceof SetLit) {
                    throw new IllegalArgumentException("sets do not nest");
                }
            }
        }
    }
}
