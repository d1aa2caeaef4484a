package dev.cloudwarden.engine.sigma;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.sigma.eval.ReferenceEvaluator;
import dev.cloudwarden.engine.sigma.eval.RuleSemanticException;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.model.SigmaRule;
import dev.cloudwarden.engine.sigma.parse.RuleError;
import dev.cloudwarden.engine.sigma.parse.RuleParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared by the conformance tests: a rule from its detection section alone, and events written as
 * relaxed JSON ({@code {eventName: 'GetObject', n: 5}}: single quotes and bare keys, so tests stay legible).
 */
final class Conformance {
    private static final JsonMapper RELAXED = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
                    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .build();

    private Conformance() {
    }

    /** A whole rule around {@code detection} (written at column 0; indented here). */
    static String ruleYaml(String detection) {
        StringBuilder sb = new StringBuilder("title: conformance\nlogsource:\n    product: test\ndetection:\n");
        detection.lines().forEach(l -> sb.append("    ").append(l).append('\n'));
        return sb.toString();
    }

    static SigmaRule parse(String detection) {
        RuleParser.Result result = new RuleParser().parse("rule.yml", ruleYaml(detection));
        assertThat(result.errors()).as("parse errors").isEmpty();
        assertThat(result.rules()).hasSize(1);
        return result.rules().get(0);
    }

    /** The single parse error of a rule (whole YAML text). */
    static RuleError parseError(String yaml) {
        RuleParser.Result result = new RuleParser().parse("rule.yml", yaml);
        assertThat(result.rules()).as("rules that parsed").isEmpty();
        assertThat(result.errors()).hasSize(1);
        return result.errors().get(0);
    }

    /** The error ReferenceEvaluator.of reports for a rule that parses but cannot be compiled. */
    static RuleError semanticError(String detection, SigmaConfig config) {
        SigmaRule rule = parse(detection);
        try {
            ReferenceEvaluator.of(rule, config);
        } catch (RuleSemanticException e) {
            return e.error();
        }
        throw new AssertionError("expected a RuleSemanticException for\n" + detection);
    }

    static RuleCheck rule(String detection) {
        return rule(detection, SigmaConfig.defaults());
    }

    static RuleCheck rule(String detection, SigmaConfig config) {
        try {
            return new RuleCheck(detection, ReferenceEvaluator.of(parse(detection), config));
        } catch (RuleSemanticException e) {
            throw new AssertionError("rule does not compile: " + e.getMessage() + "\n" + detection, e);
        }
    }

    /** Relaxed JSON to a raw record (re-serialized as strict JSON bytes, as a parser would hand it over). */
    static RawRecord event(String relaxedJson) {
        try {
            byte[] strict = RELAXED.writeValueAsBytes(RELAXED.readTree(relaxedJson));
            return RawRecord.ofJson(strict);
        } catch (IOException e) {
            throw new UncheckedIOException("bad test JSON: " + relaxedJson, e);
        }
    }

    static RawRecord strictEvent(String json) {
        return RawRecord.ofJson(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A compiled rule with fluent expectations. */
    record RuleCheck(String detection, ReferenceEvaluator evaluator) {
        RuleCheck matches(String... events) {
            for (String e : events) {
                assertThat(evaluator.matches(event(e))).as("rule\n%s\nshould match %s", detection, e).isTrue();
            }
            return this;
        }

        RuleCheck doesNotMatch(String... events) {
            for (String e : events) {
                assertThat(evaluator.matches(event(e))).as("rule\n%s\nshould not match %s", detection, e).isFalse();
            }
            return this;
        }

        RuleCheck matches(RawRecord record) {
            assertThat(evaluator.matches(record)).as("rule\n%s\nshould match %s", detection, record.text()).isTrue();
            return this;
        }

        RuleCheck doesNotMatch(RawRecord record) {
            assertThat(evaluator.matches(record)).as("rule\n%s\nshould not match %s", detection, record.text()).isFalse();
            return this;
        }
    }
}
