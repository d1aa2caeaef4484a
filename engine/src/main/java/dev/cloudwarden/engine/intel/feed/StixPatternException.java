package dev.cloudwarden.engine.intel.feed;

/**
 * A STIX pattern that does not parse: where (character offset from 0) and what was expected there.
 * The message reads {@code at 23: expected ']' but found 'AND'}.
 */
public final class StixPatternException extends Exception {
    private final int offset;
    private final String reason;

    public StixPatternException(int offset, String reason) {
        super("at " + offset + ": " + reason);
        this.offset = offset;
        this.reason = reason;
    }

    /** The character offset (0-based) in the pattern text where parsing stopped. */
    public int offset() {
        return offset;
    }

    /** The message without the offset. */
    public String reason() {
        return reason;
    }
}
