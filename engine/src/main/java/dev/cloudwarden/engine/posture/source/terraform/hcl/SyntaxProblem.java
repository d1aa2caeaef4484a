package dev.cloudwarden.engine.posture.source.terraform.hcl;

/** A syntax error as reported: 1-based line and column, and the reason. */
public record SyntaxProblem(int line, int column, String reason) {
}
