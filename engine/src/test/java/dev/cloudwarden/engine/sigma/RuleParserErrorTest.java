package dev.cloudwarden.engine.sigma;

import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.parse.RuleError;
import dev.cloudwarden.engine.sigma.parse.RuleErrorCode;
import dev.cloudwarden.engine.sigma.parse.RuleParser;
import org.junit.jupiter.api.Test;

import static dev.cloudwarden.engine.sigma.Conformance.parseError;
import static dev.cloudwarden.engine.sigma.Conformance.ruleYaml;
import static dev.cloudwarden.engine.sigma.Conformance.semanticError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules the specification forbids, or that cannot mean anything, are reported with a stable code, an exact
 * message, the path inside the rule and file:line:column. Line numbers below count from {@code title:}
 * (line 1); the detection's first identifier is on line 5 (see {@link Conformance#ruleYaml}).
 */
class RuleParserErrorTest {

    private static void assertError(RuleError e, RuleErrorCode code, String message, String path, String location) {
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.message()).isEqualTo(message);
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.location().toString()).isEqualTo(location);
    }

    @Test
    void unknownModifierWithDidYouMean() {
        RuleError e = parseError(ruleYaml("""
                selection:
                    eventName|contians: Get
                condition: selection
                """));
        assertError(e, RuleErrorCode.UNKNOWN_MODIFIER, "unknown modifier 'contians' (did you mean 'contains'?)",
                "detection.selection.eventName|contians", "rule.yml:6:9");
        assertThat(e.toString()).isEqualTo("unknown modifier 'contians' (did you mean 'contains'?) at "
                + "detection.selection.eventName|contians, rule.yml:6:9");
    }

    @Test
    void unknownModifierFarFromAnyKnownHasNoSuggestion() {
        RuleError e = parseError(ruleYaml("""
                selection:
                    eventName|frobnicate: Get
                condition: selection
                """));
        assertError(e, RuleErrorCode.UNKNOWN_MODIFIER, "unknown modifier 'frobnicate'",
                "detection.selection.eventName|frobnicate", "rule.yml:6:9");
    }

    @Test
    void undefinedIdentifier() {
        RuleError e = parseError(ruleYaml("""
                selection:
                    eventName: GetObject
                condition: selection and not filter
                """));
        assertError(e, RuleErrorCode.UNDEFINED_IDENTIFIER, "search identifier 'filter' is not defined in the detection",
                "detection.condition", "rule.yml:7:16");
    }

    @Test
    void aPatternThatMatchesNoIdentifier() {
        RuleError e = parseError(ruleYaml("""
                selection:
                    eventName: GetObject
                condition: selection and not 1 of filter*
                """));
        assertError(e, RuleErrorCode.UNDEFINED_IDENTIFIER, "no search identifier matches 'filter*'",
                "detection.condition", "rule.yml:7:16");
    }

    @Test
    void conditionSyntaxErrorsNameTheirColumn() {
        // "selection and and selection": the second 'and' is at offset 14, the condition starts at column 16.
        assertError(parseError(ruleYaml("""
                        selection:
                            eventName: GetObject
                        condition: selection and and selection
                        """)), RuleErrorCode.CONDITION_SYNTAX,
                "expected a search identifier or '(', found 'and' in 'selection and and selection'",
                "detection.condition", "rule.yml:7:30");
        assertError(parseError(ruleYaml("""
                        selection:
                            eventName: GetObject
                        condition: (selection or selection
                        """)), RuleErrorCode.CONDITION_SYNTAX,
                "missing ')' for the '(' at offset 0 in '(selection or selection'",
                "detection.condition", "rule.yml:7:39");
        // Quoted: the column still points into the text (one past the quote).
        assertError(parseError(ruleYaml("""
                        selection:
                            eventName: GetObject
                        condition: 'selection or'
                        """)), RuleErrorCode.CONDITION_SYNTAX,
                "unexpected end of condition, expected a search identifier, '1 of', 'all of', 'not' or '(' in 'selection or'",
                "detection.condition", "rule.yml:7:29");
        assertError(parseError(ruleYaml("""
                        selection:
                            eventName: GetObject
                        condition: selection & selection
                        """)), RuleErrorCode.CONDITION_SYNTAX,
                "unexpected character '&' in 'selection & selection'", "detection.condition", "rule.yml:7:26");
        assertError(parseError(ruleYaml("""
                        selection:
                            eventName: GetObject
                        condition: selection selection
                        """)), RuleErrorCode.CONDITION_SYNTAX,
                "unexpected 'selection' in 'selection selection'", "detection.condition", "rule.yml:7:26");
    }

    @Test
    void nullInsideAValueList() {
        // The spec's "invalid example".
        RuleError e = parseError(ruleYaml("""
                selection_main:
                    FieldA: 'something'
                    FieldB:
                        - ''
                        - null
                condition: selection_main
                """));
        assertError(e, RuleErrorCode.INVALID_VALUE,
                "null cannot be part of a list of values; give it a selection of its own",
                "detection.selection_main.FieldB[1]", "rule.yml:9:15");
    }

    @Test
    void yamlSyntaxErrorNamesItsLine() {
        RuleError e = parseError("""
                title: broken
                logsource:
                    product: aws
                detection:
                    selection:
                        eventName: GetObject
                      userName: root
                    condition: selection
                """);
        assertThat(e.code()).isEqualTo(RuleErrorCode.YAML_SYNTAX);
        assertThat(e.location().file()).isEqualTo("rule.yml");
        assertThat(e.location().line()).isEqualTo(7);
    }

    @Test
    void aBadDocumentDoesNotStopTheOthers() {
        RuleParser.Result result = new RuleParser().parse("rules.yml", ruleYaml("""
                selection:
                    eventName|contians: x
                condition: selection
                """) + "---\n" + ruleYaml("""
                selection:
                    eventName: x
                condition: selection
                """));
        assertThat(result.rules()).hasSize(1);
        assertThat(result.errors()).singleElement()
                .satisfies(err -> assertThat(err.location().toString()).isEqualTo("rules.yml:6:9"));
    }

    @Test
    void anInvalidRegexIsReportedWhenTheRuleIsCompiled() {
        // RE2 has no look-around; the spec's flavor does not include it either.
        RuleError e = semanticError("""
                selection:
                    CommandLine|re: 'foo(?=bar)'
                condition: selection
                """, SigmaConfig.defaults());
        assertThat(e.code()).isEqualTo(RuleErrorCode.INVALID_REGEX);
        assertThat(e.message()).startsWith("RE2 cannot compile 'foo(?=bar)': ");
        assertThat(e.path()).isEqualTo("detection.selection.CommandLine|re");
        assertThat(e.location().toString()).isEqualTo("rule.yml:6:9");
        RuleError unbalanced = semanticError("""
                selection:
                    - CommandLine|re: '[a-'
                condition: selection
                """, SigmaConfig.defaults());
        assertThat(unbalanced.code()).isEqualTo(RuleErrorCode.INVALID_REGEX);
        assertThat(unbalanced.path()).isEqualTo("detection.selection[0].CommandLine|re");
        assertThat(unbalanced.location().toString()).isEqualTo("rule.yml:6:11");
    }

    @Test
    void existsNeedsAFieldAndABoolean() {
        RuleError e = semanticError("""
                selection:
                    userName|exists: maybe
                condition: selection
                """, SigmaConfig.defaults());
        assertError(e, RuleErrorCode.INVALID_VALUE, "exists takes true or false, not 'maybe'",
                "detection.selection.userName|exists", "rule.yml:6:9");
    }

    @Test
    void regexFlagsNeedRe() {
        RuleError e = semanticError("""
                selection:
                    userName|i: root
                condition: selection
                """, SigmaConfig.defaults());
        assertError(e, RuleErrorCode.INVALID_MODIFIER, "'i' is a flag of 're' and needs it",
                "detection.selection.userName|i", "rule.yml:6:9");
    }
}
