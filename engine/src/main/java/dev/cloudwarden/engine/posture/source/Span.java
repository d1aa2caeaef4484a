package dev.cloudwarden.engine.posture.source;

/** The 1-based first and last lines a value is written on. */
public record Span(int line, int endLine) {
    public Span {
        if (line < 1 || endLine < line) {
            throw new IllegalArgumentException("bad span " + line + "-" + endLine);
        }
    }
}
