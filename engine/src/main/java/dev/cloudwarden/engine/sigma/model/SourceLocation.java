package dev.cloudwarden.engine.sigma.model;

/** Where something is in a rule file: 1-based line and column (0 when unknown). */
public record SourceLocation(String file, int line, int column) {
    public static SourceLocation file(String file) {
        return new SourceLocation(file, 0, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
