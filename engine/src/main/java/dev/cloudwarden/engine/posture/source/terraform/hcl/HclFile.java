package dev.cloudwarden.engine.posture.source.terraform.hcl;

import java.util.List;

/** A parsed file: what could be read of its body, its comments, and its syntax errors. */
public record HclFile(Source source, Body body, List<Comment> comments, List<SyntaxProblem> problems) {
}
