package dev.cloudwarden.engine.posture.model;

import java.util.List;

/** What one file (or one Terraform module folder) gave: its resources and what could not be read. */
public record ParsedConfig(List<ConfigResource> resources, List<ParseProblem> problems) {
    public ParsedConfig {
        resources = List.copyOf(resources);
        problems = List.copyOf(problems);
    }

    public static ParsedConfig failed(ParseProblem problem) {
        return new ParsedConfig(List.of(), List.of(problem));
    }

    public static ParsedConfig concat(List<ParsedConfig> parts) {
        return new ParsedConfig(parts.stream().flatMap(p -> p.resources().stream()).toList(),
                parts.stream().flatMap(p -> p.problems().stream()).toList());
    }
}
