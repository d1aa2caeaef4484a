package dev.cloudwarden.engine.posture.source.terraform.hcl;

/** A syntax error at a file position; the parser catches it at the next top-level item and carries on. */
public final class HclSyntaxException extends RuntimeException {
    private final int line;
    private final int column;

    public HclSyntaxException(int line, int column, String reason) {
        super(reason, null, false, false);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
