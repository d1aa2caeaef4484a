package dev.cloudwarden.engine.posture.source.terraform.hcl;

/** A comment and the line it starts on; inline skips ({@code #checkov:skip=...}) are read from these. */
public record Comment(int line, String text) {
}
