package dev.cloudwarden.engine.sigma.ruletest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.sigma.model.SourceLocation;

/** One case of a rule test file: an event and whether the rule must match it. */
public record RuleTestCase(String name, boolean expectMatch, JsonNode event, SourceLocation location) {
}
