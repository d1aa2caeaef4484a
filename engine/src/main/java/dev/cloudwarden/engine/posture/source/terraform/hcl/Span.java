package dev.cloudwarden.engine.posture.source.terraform.hcl;

/** Where a syntax element is written: its source, character offsets (end exclusive) and file lines. */
public record Span(Source source, int start, int end, int line, int endLine) {
    /** The element as written, which is what an unknown value reports as its expression. */
    public String text() {
        return source.slice(start, end);
    }
}
