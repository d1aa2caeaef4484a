package dev.cloudwarden.engine.event;

/**
 * Where the record was read: the input's name (a path, or {@code -} for stdin) and the 1-based line or,
 * for JSON containers, the 0-based record index. Used in errors, alerts and quarantine.
 */
public record Origin(String input, long line, long recordIndex) {
    public static Origin line(String input, long line) {
        return new Origin(input, line, -1);
    }

    public static Origin record(String input, long line, long recordIndex) {
        return new Origin(input, line, recordIndex);
    }

    @Override
    public String toString() {
        if (recordIndex >= 0) {
            return input + ":record " + recordIndex + (line > 0 ? " (line " + line + ")" : "");
        }
        return input + ":" + line;
    }
}
