package dev.cloudwarden.engine.posture.model;

import java.util.List;

/**
 * An attribute value that cannot be known from the configuration alone: an unresolved variable, a function the
 * evaluator does not know, another resource's computed attribute. A check whose verdict depends on it reports
 * "unknown", never a pass or a fail.
 *
 * @param expression the source text (or a description) of what could not be evaluated, for the finding's message
 * @param references addresses of the resources the expression refers to ({@code aws_s3_bucket.logs}), so graph checks
 *                   can follow a reference even when its value is unknown
 */
public record Unknown(String expression, List<String> references) {
    public Unknown {
        references = List.copyOf(references);
    }

    public static Unknown of(String expression) {
        return new Unknown(expression, List.of());
    }
}
