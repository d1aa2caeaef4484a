package dev.cloudwarden.engine.intel.feed;

import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.feed.PatternIocs.Ioc;
import dev.cloudwarden.engine.intel.feed.StixPattern.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StixPatternTest {

    static StixPattern parse(String s) {
        try {
            return StixPattern.parse(s);
        } catch (StixPatternException e) {
            throw new AssertionError(s + ": " + e.getMessage(), e);
        }
    }

    static PatternIocs.Extraction iocs(String s) {
        return PatternIocs.extract(parse(s));
    }

    @Test
    void parsesAComparisonIntoATree() {
        StixPattern p = parse("[file:hashes.'SHA-256' = 'aa' AND file:name != 'x.exe']");
        assertThat(p.root()).isEqualTo(new Simple(new Bool(BoolOp.AND, List.of(
                new PropTest(new ObjectPath("file", List.of(new Key("hashes"), new Key("SHA-256"))), false, Op.EQ, new Str("aa")),
                new PropTest(new ObjectPath("file", List.of(new Key("name"))), false, Op.NEQ, new Str("x.exe"))))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32']",
            "[domain-name:value = 'example.com'] AND [ipv4-addr:value = '198.51.100.1'] WITHIN 300 SECONDS",
            "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] REPEATS 5 TIMES WITHIN 1800.5 SECONDS",
            "([a:b = 1] OR [a:c = 2.5]) FOLLOWEDBY [x-custom:prop[*].y[-1] >= -3] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00.123Z'",
            "[email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
            "[a:b IN ('x', 1, true, h'0aff', b'AAEC', t'2020-02-29T23:59:60Z') AND NOT EXISTS a:c AND a:d NOT LIKE 'x%']",
            "[ipv4-addr:value ISSUBSET '198.51.100.0/24'] OR [ipv4-addr:value NOT ISSUPERSET '10.0.0.0/8']",
            "[a:'quoted key'.'AND' = 'it\\'s'] AND ([b:c = 'd'] AND [e:f = 'g'])",
            "[(a:b = 1 OR a:c = 2) AND a:d = 3]",
    })
    void printedPatternsParseBackToTheSameTree(String text) {
        StixPattern p = parse(text);
        assertThat(parse(p.print())).isEqualTo(p);
        assertThat(p.print()).isEqualTo(parse(p.print()).print());
    }

    @Test
    void chainsOfOneOperatorAreOneNodeAndParenthesesNest() {
        assertThat(parse("[a:b = 1] OR [a:b = 2] OR [a:b = 3]").root()).isInstanceOfSatisfying(Join.class,
                j -> assertThat(j.parts()).hasSize(3));
        StixPattern nested = parse("[a:b = 1] OR ([a:b = 2] OR [a:b = 3])");
        assertThat(nested.print()).isEqualTo("[a:b = 1] OR ([a:b = 2] OR [a:b = 3])");
        // AND binds tighter than OR, OR tighter than FOLLOWEDBY
        assertThat(parse("[a:b = 1] OR [a:b = 2] AND [a:b = 3] FOLLOWEDBY [a:b = 4]").print())
                .isEqualTo("([a:b = 1] OR ([a:b = 2] AND [a:b = 3])) FOLLOWEDBY [a:b = 4]");
    }

    @Test
    void whitespaceCommentsAndAlternativeOperatorsAreAccepted() {
        StixPattern p = parse("/* c2 */ [ ipv4-addr:value\n\t== '10.0.0.1' // the one\n]");
        assertThat(p.print()).isEqualTo("[ipv4-addr:value = '10.0.0.1']");
        assertThat(parse("[a:b <> 'x']").print()).isEqualTo("[a:b != 'x']");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"                                        | 0  | expected an observation expression '[...]' but the pattern is empty",
            "[ipv4-addr:value = '1.2.3.4'               | 28 | expected ']' to close the '[' at 0, or AND/OR but found the end of the pattern",
            "[ipv4-addr:value = '1.2.3.4]               | 19 | string starting here is never closed with '",
            "[ipv4-addr:value '1.2.3.4']                | 17 | expected a comparison operator",
            "[ipv4-addr = '1.2.3.4']                    | 11 | expected ':' after the object type 'ipv4-addr' but found '='",
            "[ipv4-addr:value = ]                       | 19 | expected a value after = (a string, number, boolean",
            "ipv4-addr:value = '1.2.3.4'                | 0  | expected an observation expression '[...]' or '(' but found 'ipv4-addr'",
            "[a:b = 1] AND                              | 13 | expected an observation expression '[...]' or '(' but found the end of the pattern",
            "[a:b = 1] [a:c = 2]                        | 10 | expected AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern but found '['",
            "[a:b = 1] WITHIN 0 SECONDS                 | 17 | expected a positive number of seconds after WITHIN but found '0'",
            "[a:b = 1] REPEATS 2                        | 19 | expected TIMES after REPEATS 2 but found the end of the pattern",
            "[a:b = 1] START t'2016-13-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z' | 16 | expected a timestamp",
            "[a:b = 1] START t'2016-02-30T00:00:00Z' STOP t'2016-07-01T00:00:00Z' | 16 | no such date",
            "[a:b-c = 1]                                | 3  | names with '-' must be quoted",
            "[a:b = 'x\\n']                            | 9  | only \\' and \\\\ may be escaped",
            "[a:b = 007]                                | 7  | leading zeros",
            "[a:b IN ('x' 'y')]                         | 13 | expected ',' or ')' in the set started at 8",
            "[a:b LIKE 5]                               | 10 | expected a string after LIKE but found '5'",
            "[a:b > true]                               | 7  | not a boolean",
            "[a:b = h'abc']                             | 7  | expected pairs of hex digits",
            "[a:b = b'abc']                             | 7  | expected base64",
    })
    void errorsSayWhereAndWhatWasExpected(String text, Integer offset, String message) {
        assertThatThrownBy(() -> StixPattern.parse(text)).isInstanceOfSatisfying(StixPatternException.class, e -> {
            assertThat(e.reason()).contains(message);
            assertThat(e.offset()).isEqualTo(offset);
        });
    }

    @Test
    void strayCharactersAreNamed() {
        assertThatThrownBy(() -> StixPattern.parse("[a:b = 1] \u00a7")).isInstanceOf(StixPatternException.class)
                .hasMessage("at 10: unexpected character '\u00a7'");
    }

    @Test
    void nestingAndSizeAreBounded() {
        String deep = "(".repeat(100_000) + "[a:b = 1]" + ")".repeat(100_000);
        assertThatThrownBy(() -> StixPattern.parse(deep)).isInstanceOf(StixPatternException.class)
                .hasMessage("at 64: nesting deeper than 64 brackets");
        String deepBrackets = "[" + "(".repeat(1000) + "a:b = 1" + ")".repeat(1000) + "]";
        assertThatThrownBy(() -> StixPattern.parse(deepBrackets)).hasMessageContaining("nesting deeper than 64");
        String longChain = "[a:b = 1]" + " OR [a:b = 1]".repeat(50_000);
        assertThat(parse(longChain).print()).hasSize(longChain.length());
        String huge = "[a:b = '" + "x".repeat(StixPattern.MAX_LENGTH) + "']";
        assertThatThrownBy(() -> StixPattern.parse(huge)).hasMessageContaining("pattern longer than");
    }

    @Test
    void timestampsAndNumbersKeepTheirValues() {
        PropTest t = (PropTest) ((Simple) parse("[a:b = t'2016-12-31T23:59:60.5Z']").root()).comparison();
        assertThat(((Timestamp) t.value()).instant().toString()).isEqualTo("2016-12-31T23:59:59.500Z");
        PropTest n = (PropTest) ((Simple) parse("[a:b = -42]").root()).comparison();
        assertThat(n.value()).isEqualTo(new Int(BigInteger.valueOf(-42)));
        assertThat(parse("[a:b = .5]").print()).isEqualTo("[a:b = 0.5]");
        assertThat(parse("[a:b = +7]").print()).isEqualTo("[a:b = 7]");
    }

    // ---- values CloudWarden matches -------------------------------------------------------------------------

    @Test
    void equalitiesOnKnownPathsGiveTypedValues() {
        var x = iocs("[ipv4-addr:value = '198.51.100.7' OR ipv6-addr:value = '2001:DB8::/32' OR domain-name:value = 'Pool.Example.'"
                + " OR url:value = 'HTTP://Evil.example/x' OR file:hashes.MD5 = '79054025255FB1A26E4BC422AEF54EB4'"
                + " OR file:hashes.'SHA-1' = '" + "a".repeat(40) + "' OR artifact:hashes.'SHA-256' = '" + "b".repeat(64) + "'"
                + " OR email-addr:value = 'Bad@Example.com' OR email-message:from_ref.value = 'x@y.example'"
                + " OR network-traffic:dst_ref.value = '203.0.113.9' OR network-traffic:src_ref.value = 'c2.example'"
                + " OR network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'Mozilla/4.0 evil'"
                + " OR user-account:user_id = 'AKIAIOSFODNN7EXAMPLE']");
        assertThat(x.problems()).isEmpty();
        assertThat(x.iocs()).containsExactly(
                new Ioc(IocType.ADDRESS, "198.51.100.7", false),
                new Ioc(IocType.ADDRESS, "2001:db8::/32", false),
                new Ioc(IocType.DOMAIN, "pool.example", false),
                new Ioc(IocType.URL, "http://evil.example/x", false),
                new Ioc(IocType.MD5, "79054025255fb1a26e4bc422aef54eb4", false),
                new Ioc(IocType.SHA1, "a".repeat(40), false),
                new Ioc(IocType.SHA256, "b".repeat(64), false),
                new Ioc(IocType.EMAIL, "bad@example.com", false),
                new Ioc(IocType.EMAIL, "x@y.example", false),
                new Ioc(IocType.ADDRESS, "203.0.113.9", false),
                new Ioc(IocType.DOMAIN, "c2.example", false),
                new Ioc(IocType.USER_AGENT, "Mozilla/4.0 evil", false),
                new Ioc(IocType.AWS_ACCESS_KEY, "AKIAIOSFODNN7EXAMPLE", false));
    }

    @Test
    void urlsWithoutASchemeAreReadAsVendorsWriteThem() {
        var x = iocs("[url:value = '161.35.151.35:9100' OR url:value = '183.76.46.30/1/crp_linux_386'"
                + " OR url:value = 'www.Evil.top' OR url:value = 'not a url at all']");
        assertThat(x.iocs()).containsExactly(
                new Ioc(IocType.ADDRESS, "161.35.151.35", false),
                new Ioc(IocType.URL, "http://183.76.46.30/1/crp_linux_386", false),
                new Ioc(IocType.DOMAIN, "www.evil.top", false));
        assertThat(x.problems()).singleElement().asString().contains("not a url at all");
    }

    @Test
    void inLikeAndIsSubsetGiveValuesToo() {
        var x = iocs("[domain-name:value IN ('a.example', 'b.example')] OR [domain-name:value LIKE '%.pool.example']"
                + " OR [ipv4-addr:value ISSUBSET '198.51.100.0/24'] OR [url:value LIKE 'http://x.example/a']");
        assertThat(x.iocs()).extracting(Ioc::value)
                .containsExactly("a.example", "b.example", "pool.example", "198.51.100.0/24", "http://x.example/a");
        assertThat(x.problems()).isEmpty();
    }

    @Test
    void andPartsArePartialAndOrAlternativesAreNot() {
        var x = iocs("[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4' AND file:name = 'a.exe'] OR [domain-name:value = 'c2.example']");
        assertThat(x.iocs()).containsExactly(
                new Ioc(IocType.MD5, "79054025255fb1a26e4bc422aef54eb4", true),
                new Ioc(IocType.DOMAIN, "c2.example", false));
        assertThat(x.problems()).containsExactly("file:name = 'a.exe': unsupported object path file:name");

        var seq = iocs("[ipv4-addr:value = '198.51.100.1'] FOLLOWEDBY [domain-name:value = 'c2.example'] WITHIN 60 SECONDS");
        assertThat(seq.iocs()).allMatch(Ioc::partial).hasSize(2);
        assertThat(seq.notes()).containsExactly("qualifier WITHIN 60 SECONDS is noted, not enforced");

        // the same value exact somewhere and partial elsewhere counts as exact
        var both = iocs("[domain-name:value = 'c2.example'] OR ([domain-name:value = 'c2.example'] AND [ipv4-addr:value = '198.51.100.1'])");
        assertThat(both.iocs()).containsExactly(new Ioc(IocType.DOMAIN, "c2.example", false),
                new Ioc(IocType.ADDRESS, "198.51.100.1", true));
    }

    @Test
    void unusableComparisonsAreProblemsNamingThem() {
        var x = iocs("[x-acme:ioc = 'a' OR ipv4-addr:value != '10.0.0.1' OR domain-name:value MATCHES '^a' OR ipv4-addr:value NOT = '10.0.0.2'"
                + " OR EXISTS url:value OR domain-name:value LIKE 'a%b' OR user-account:user_id = 'root' OR ipv4-addr:value = '999.0.0.1'"
                + " OR file:hashes.'SHA-512' = 'ab' OR ipv4-addr:value = 5]");
        assertThat(x.iocs()).isEmpty();
        assertThat(x.problems()).containsExactly(
                "x-acme:ioc = 'a': unsupported object path x-acme:ioc",
                "ipv4-addr:value != '10.0.0.1': operator != is not matched value by value",
                "domain-name:value MATCHES '^a': operator MATCHES is not matched value by value",
                "ipv4-addr:value NOT = '10.0.0.2': a negated comparison is not matched value by value",
                "EXISTS url:value: EXISTS is not matched value by value",
                "domain-name:value LIKE 'a%b': a LIKE with wildcards is not matched value by value (only '%.domain' is)",
                "user-account:user_id = 'root': user accounts are matched only when they are AWS access key ids",
                "ipv4-addr:value = '999.0.0.1': '999.0.0.1' is not an IP address or CIDR range",
                "file:hashes.'SHA-512' = 'ab': unsupported object path file:hashes.SHA-512",
                "ipv4-addr:value = 5: expected a string value for ipv4-addr:value");
    }
}
