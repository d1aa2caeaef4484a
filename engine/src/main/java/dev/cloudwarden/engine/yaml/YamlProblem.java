package dev.cloudwarden.engine.yaml;

/** A YAML file, or one entry in it, that cannot be used: the file, the line (1-based; 0 when unknown) and why. */
public final class YamlProblem extends Exception {
    private final String file;
    private final int line;
    private final String reason;

    public YamlProblem(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
