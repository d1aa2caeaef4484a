package dev.cloudwarden.engine.intel.feed;

import dev.cloudwarden.engine.intel.feed.StixPattern.*;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Patterns generated from a small grammar print and parse back to the same tree; random text (and random edits of
 * valid patterns) never makes the parser throw anything but {@link StixPatternException}.
 */
class StixPatternPropertiesTest {

    @Property(tries = 500)
    void printedPatternsParseBackToTheSameTree(@ForAll("patterns") StixPattern p) throws StixPatternException {
        String text = p.print();
        assertThat(StixPattern.parse(text)).isEqualTo(p);
        // and still after reshaping the whitespace
        assertThat(StixPattern.parse(reshape(text))).isEqualTo(p);
    }

    /** Every space outside string literals becomes a newline, a tab and two spaces. */
    private static String reshape(String text) {
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                sb.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '\'') {
                quoted = !quoted;
            }
            sb.append(!quoted && c == ' ' ? "\n\t  " : String.valueOf(c));
        }
        return sb.toString();
    }

    @Property(tries = 2000)
    void randomTextFailsOnlyWithThePatternError(@ForAll("noise") String text) {
        parseQuietly(text);
    }

    @Property(tries = 1000)
    void editedPatternsFailOnlyWithThePatternError(@ForAll("patterns") StixPattern p, @ForAll("cuts") int cut,
                                                   @ForAll("junk") String junk) {
        String text = p.print();
        int at = Math.floorMod(cut, text.length() + 1);
        parseQuietly(text.substring(0, at) + junk + text.substring(at));
        parseQuietly(text.substring(0, at));
    }

    private static void parseQuietly(String text) {
        try {
            StixPattern parsed = StixPattern.parse(text);
            PatternIocs.extract(parsed);
            assertThat(parsed.print()).isNotEmpty();
        } catch (StixPatternException e) {
            assertThat(e.offset()).isBetween(0, text.length());
        }
    }

    @Provide
    Arbitrary<StixPattern> patterns() {
        return observation(3).map(StixPattern::new);
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 10_000);
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.of("", "'", "[", "]", "(", ")", " AND ", " OR", "\\", "t'", "h'zz'", "b'", "-", "+.", "/*", "//",
                "NOT", "EXISTS", "IN ()", ":", ".", "[*]", "==", "<>", "!", "\u00a0", "WITHIN", "REPEATS 0 TIMES", "\u0000");
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> tokens = Arbitraries.of("[", "]", "(", ")", "'a'", "a:b", "ipv4-addr:value", "=", "!=", "IN", "LIKE",
                "AND", "OR", "NOT", "FOLLOWEDBY", "WITHIN", "5", "SECONDS", "REPEATS", "TIMES", "START", "STOP",
                "t'2020-01-01T00:00:00Z'", ",", ".", "*", "-1", "1.5", "true", "h'00'", "b'AA=='", "EXISTS", "'", "\\");
        Arbitrary<String> tokenSoup = tokens.list().ofMaxSize(30).map(l -> String.join(" ", l));
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60), tokenSoup);
    }

    private Arbitrary<Observation> observation(int depth) {
        Arbitrary<Observation> simple = comparison(2).map(Simple::new);
        if (depth == 0) {
            return simple;
        }
        Arbitrary<Observation> join = Combinators.combine(Arbitraries.of(ObservationOp.class),
                        Arbitraries.lazy(() -> observation(depth - 1)).list().ofMinSize(2).ofMaxSize(3))
                .as(Join::new);
        Arbitrary<Observation> qualified = Combinators.combine(Arbitraries.lazy(() -> observation(depth - 1)), qualifier())
                .as(Qualified::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, simple), net.jqwik.api.Tuple.of(2, join), net.jqwik.api.Tuple.of(1, qualified));
    }

    private Arbitrary<Qualifier> qualifier() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 100_000).map(i -> new Within(BigDecimal.valueOf(i))),
                Arbitraries.integers().between(1, 10_000).map(i -> new Within(BigDecimal.valueOf(i, 2))),
                Arbitraries.integers().between(1, 1000).map(i -> new Repeats(BigInteger.valueOf(i))),
                Arbitraries.just(new StartStop(new Timestamp("2016-06-01T00:00:00Z"), new Timestamp("2016-07-01T00:00:00.5Z"))));
    }

    private Arbitrary<Comparison> comparison(int depth) {
        Arbitrary<Comparison> leaf = Arbitraries.oneOf(test(), path().map(p -> new Exists(false, p)), path().map(p -> new Exists(true, p)));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Comparison> bool = Combinators.combine(Arbitraries.of(BoolOp.class),
                Arbitraries.lazy(() -> comparison(depth - 1)).list().ofMinSize(2).ofMaxSize(3)).as(Bool::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(1, bool));
    }

    private Arbitrary<Comparison> test() {
        Arbitrary<Comparison> eq = Combinators.combine(path(), Arbitraries.of(true, false), Arbitraries.of(Op.EQ, Op.NEQ), primitive())
                .as(PropTest::new);
        Arbitrary<Comparison> order = Combinators.combine(path(), Arbitraries.of(true, false), Arbitraries.of(Op.GT, Op.LT, Op.GE, Op.LE),
                primitive().filter(l -> !(l instanceof BoolLit))).as(PropTest::new);
        Arbitrary<Comparison> in = Combinators.combine(path(), Arbitraries.of(true, false), primitive().list().ofMaxSize(3))
                .as((p, n, l) -> new PropTest(p, n, Op.IN, new SetLit(l)));
        Arbitrary<Comparison> str = Combinators.combine(path(), Arbitraries.of(true, false),
                Arbitraries.of(Op.LIKE, Op.MATCHES, Op.ISSUBSET, Op.ISSUPERSET), string()).as((p, n, o, s) -> new PropTest(p, n, o, new Str(s)));
        return Arbitraries.oneOf(eq, order, in, str);
    }

    private Arbitrary<ObjectPath> path() {
        Arbitrary<String> type = Arbitraries.of("ipv4-addr", "domain-name", "url", "file", "x-acme-thing", "network-traffic", "a_b");
        Arbitrary<Step> key = Arbitraries.oneOf(Arbitraries.of("value", "hashes", "dst_ref", "SHA-256", "AND", "true", "a b", "it's", "x\\y")
                .map(Key::new));
        Arbitrary<Step> index = Arbitraries.oneOf(Arbitraries.just(new Index(null)), Arbitraries.integers().between(-3, 12).map(Index::new));
        Arbitrary<List<Step>> rest = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, key), net.jqwik.api.Tuple.of(1, index)).list().ofMaxSize(3);
        return Combinators.combine(type, key, rest).as((t, first, more) -> {
            List<Step> steps = new java.util.ArrayList<>();
            steps.add(first);
            steps.addAll(more);
            return new ObjectPath(t, steps);
        });
    }

    private Arbitrary<Literal> primitive() {
        return Arbitraries.oneOf(
                string().map(Str::new),
                Arbitraries.bigIntegers().between(BigInteger.valueOf(-1_000_000), BigInteger.valueOf(1_000_000)).map(Int::new),
                Arbitraries.bigDecimals().between(BigDecimal.valueOf(-1000), BigDecimal.valueOf(1000)).ofScale(3).map(Flt::new),
                Arbitraries.of(true, false).map(BoolLit::new),
                Arbitraries.of("AA==", "AAEC", "aGVsbG8=").map(Binary::new),
                Arbitraries.of("", "00", "0aFF").map(Hex::new),
                Arbitraries.of("2020-02-29T23:59:60Z", "1999-12-31T00:00:00.123456Z").map(Timestamp::new));
    }

    private Arbitrary<String> string() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of("198.51.100.7", "evil.example", "it's", "a\\b", "%.x.example", "", "'", "\\"));
    }
}
