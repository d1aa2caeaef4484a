package dev.cloudwarden.engine.posture.source;

/**
 * The bounds every configuration reader applies to untrusted input: a file, however hostile, costs at most this much
 * memory and stack. Real templates and manifests stay far below them.
 */
public final class TreeLimits {
    /** Characters in one file: larger files are not configuration a person wrote. */
    public static final int MAX_CHARS = 20 * 1024 * 1024;

    /** Nesting of maps and lists; deeper input is refused before any recursive code sees it. */
    public static final int MAX_DEPTH = 200;

    /**
     * Values in one document counting every expansion of a YAML alias: the bound that defuses "billion laughs", where
     * a few aliases of aliases name a tree of exponential size.
     */
    public static final int MAX_NODES = 2_000_000;

    private TreeLimits() {
    }
}
