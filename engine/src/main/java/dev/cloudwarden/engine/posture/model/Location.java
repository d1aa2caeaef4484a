package dev.cloudwarden.engine.posture.model;

/** Where a resource or problem is written: a file (as given on the command line) and 1-based lines; 0 when unknown. */
public record Location(String file, int line, int endLine) {
    public Location {
        if (line < 0 || endLine < line && endLine != 0) {
            throw new IllegalArgumentException("bad lines " + line + "-" + endLine + " in " + file);
        }
    }

    public static Location of(String file, int line) {
        return new Location(file, line, line);
    }

    @Override
    public String toString() {
        return line == 0 ? file : file + ":" + line;
    }
}
