package dev.cloudwarden.engine.sigma;

import org.junit.jupiter.api.Test;

import static dev.cloudwarden.engine.sigma.Conformance.rule;

/**
 * Sigma rules specification, "Condition": every form, and the precedence or &lt; and &lt; not &lt;
 * x of &lt; ( ). Identifiers a, b, c each test one field equal to 1, so events name the true ones.
 */
class ConditionConformanceTest {
    private static final String ABC = """
            a:
                a: 1
            b:
                b: 1
            c:
                c: 1
            """;

    private static Conformance.RuleCheck condition(String condition) {
        return rule(ABC + "condition: " + condition + "\n");
    }

    @Test
    void andAndOr() {
        condition("a and b").matches("{a: 1, b: 1}").doesNotMatch("{a: 1}", "{b: 1}", "{}");
        condition("a or b").matches("{a: 1}", "{b: 1}", "{a: 1, b: 1}").doesNotMatch("{c: 1}", "{}");
    }

    @Test
    void andBindsTighterThanOr() {
        // a or (b and c), not (a or b) and c
        condition("a or b and c").matches("{a: 1}", "{b: 1, c: 1}").doesNotMatch("{b: 1}", "{c: 1}");
        condition("a and b or c").matches("{c: 1}", "{a: 1, b: 1}").doesNotMatch("{a: 1}", "{b: 1}");
    }

    @Test
    void notBindsTighterThanAnd() {
        // (not a) and b
        condition("not a and b").matches("{b: 1}").doesNotMatch("{a: 1, b: 1}", "{}");
        // (not a) or b
        condition("not a or b").matches("{}", "{a: 1, b: 1}").doesNotMatch("{a: 1}");
        condition("not not a").matches("{a: 1}").doesNotMatch("{}");
    }

    @Test
    void parenthesesGroup() {
        condition("(a or b) and c").matches("{a: 1, c: 1}", "{b: 1, c: 1}").doesNotMatch("{a: 1}", "{c: 1}");
        condition("not (a or b)").matches("{c: 1}", "{}").doesNotMatch("{a: 1}", "{b: 1}");
        condition("a and (b or (c))").matches("{a: 1, c: 1}").doesNotMatch("{b: 1, c: 1}");
    }

    @Test
    void keywordsOfTheGrammarAreCaseInsensitive() {
        condition("a AND NOT b").matches("{a: 1}").doesNotMatch("{a: 1, b: 1}");
        condition("ALL OF THEM").matches("{a: 1, b: 1, c: 1}").doesNotMatch("{a: 1, b: 1}");
    }

    @Test
    void oneOfAPattern() {
        rule("""
                selection_a:
                    a: 1
                selection_b:
                    b: 1
                filter_c:
                    c: 1
                condition: 1 of selection_*
                """)
                .matches("{a: 1}", "{b: 1}")
                .doesNotMatch("{c: 1}", "{}");
        // Wildcards at any position.
        rule("""
                sel_proc_a:
                    a: 1
                sel_net_a:
                    b: 1
                sel_proc_b:
                    c: 1
                condition: 1 of sel*_a
                """)
                .matches("{a: 1}", "{b: 1}")
                .doesNotMatch("{c: 1}");
    }

    @Test
    void allOfAPattern() {
        rule("""
                selection_a:
                    a: 1
                selection_b:
                    b: 1
                filter:
                    c: 1
                condition: all of selection_*
                """)
                .matches("{a: 1, b: 1}", "{a: 1, b: 1, c: 1}")
                .doesNotMatch("{a: 1}", "{b: 1, c: 1}");
    }

    @Test
    void ofPatternsComposeWithNot() {
        // The spec's example: 1 of selection* and not 1 of filter*
        rule("""
                selection1:
                    a: 1
                selection2:
                    b: 1
                filter1:
                    c: 1
                filter2:
                    d: 1
                condition: 1 of selection* and not 1 of filter*
                """)
                .matches("{a: 1}", "{b: 1}")
                .doesNotMatch("{a: 1, c: 1}", "{b: 1, d: 1}", "{c: 1}");
    }

    @Test
    void themExcludesIdentifiersStartingWithAnUnderscore() {
        rule("""
                a:
                    a: 1
                b:
                    b: 1
                _example:
                    x: 1
                condition: all of them
                """)
                .matches("{a: 1, b: 1}")
                .doesNotMatch("{a: 1}", "{a: 1, x: 1}");
        rule("""
                a:
                    a: 1
                _example:
                    x: 1
                condition: 1 of them
                """)
                .matches("{a: 1}")
                .doesNotMatch("{x: 1}", "{}");
    }

    @Test
    void identifiersKeepTheirOwnListAndMapLogicInsideOf() {
        // "The search identifiers themselves are logically linked with their default behavior".
        rule("""
                sel_map:
                    a: 1
                    b: 1
                sel_list:
                    - c: 1
                    - d: 1
                condition: all of sel_*
                """)
                .matches("{a: 1, b: 1, c: 1}", "{a: 1, b: 1, d: 1}")
                .doesNotMatch("{a: 1, c: 1}", "{a: 1, b: 1}");
    }

    @Test
    void aListOfConditionsIsOred() {
        rule("""
                a:
                    a: 1
                b:
                    b: 1
                c:
                    c: 1
                condition:
                    - a and b
                    - c
                """)
                .matches("{a: 1, b: 1}", "{c: 1}")
                .doesNotMatch("{a: 1}", "{b: 1}", "{}");
    }
}
