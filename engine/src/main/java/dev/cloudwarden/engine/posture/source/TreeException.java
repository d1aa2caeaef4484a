package dev.cloudwarden.engine.posture.source;

/** A document (or part of one) that could not be read: the 1-based line (0 when unknown) and why. */
public final class TreeException extends Exception {
    private final int line;

    public TreeException(int line, String reason) {
        super(reason, null, false, false);
        this.line = Math.max(0, line);
    }

    public int line() {
        return line;
    }

    public String reason() {
        return getMessage();
    }
}
