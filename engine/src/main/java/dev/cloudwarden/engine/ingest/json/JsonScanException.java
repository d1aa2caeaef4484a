package dev.cloudwarden.engine.ingest.json;

import java.io.IOException;

/** A record that is not valid JSON (or not an object, or too deep), with the byte column where it went wrong. */
public final class JsonScanException extends IOException {
    /** What kind of problem, so callers can word it. */
    public enum Kind { SYNTAX, NOT_AN_OBJECT, TOO_DEEP }

    private final Kind kind;
    private final int column;

    JsonScanException(Kind kind, String message, int column) {
        super(message, null);
        this.kind = kind;
        this.column = column;
    }

    public Kind kind() {
        return kind;
    }

    /** 1-based byte column in the record. */
    public int column() {
        return column;
    }

    /** One line for a person: "invalid JSON: expected ':' ... at column 37". */
    public String reason() {
        return switch (kind) {
            case SYNTAX -> "invalid JSON: " + getMessage() + " at column " + column;
            case NOT_AN_OBJECT, TOO_DEEP -> getMessage();
        };
    }
}
