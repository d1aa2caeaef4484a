package dev.cloudwarden.engine.event;

import java.util.Objects;

/**
 * A dotted field name as Sigma rules write it ({@code requestParameters.bucketName}), split once so
 * lookups do no string work. Every contiguous run of segments is joined ahead of time because a key
 * that literally contains dots ({@code "authorization.k8s.io/decision"}) must win over nesting.
 */
public final class FieldPath {
    private final String text;
    private final String[] segments;
    /** joined[i][j] = segments i..j-1 joined with '.', for i < j. */
    private final String[][] joined;

    private FieldPath(String text) {
        this.text = text;
        this.segments = text.split("\\.", -1);
        int n = segments.length;
        this.joined = new String[n][n + 1];
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = i; j < n; j++) {
                if (j > i) {
                    sb.append('.');
                }
                sb.append(segments[j]);
                joined[i][j + 1] = sb.toString();
            }
        }
    }

    public static FieldPath of(String dotted) {
        Objects.requireNonNull(dotted, "field path");
        if (dotted.isEmpty()) {
            throw new IllegalArgumentException("empty field path");
        }
        return new FieldPath(dotted);
    }

    public int length() {
        return segments.length;
    }

    public String segment(int i) {
        return segments[i];
    }

    /** Segments {@code from} (inclusive) to {@code to} (exclusive) joined with dots. */
    public String joined(int from, int to) {
        return joined[from][to];
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
