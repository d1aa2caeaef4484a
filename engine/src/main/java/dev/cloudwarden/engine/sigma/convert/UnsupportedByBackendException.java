package dev.cloudwarden.engine.sigma.convert;

/**
 * A rule uses something the DuckDB backend cannot express with the engine's exact meaning. The converter
 * refuses rather than write a query that would match differently.
 */
public final class UnsupportedByBackendException extends Exception {
    private final String what;

    public UnsupportedByBackendException(String what) {
        super("unsupported by the DuckDB backend: " + what);
        this.what = what;
    }

    private UnsupportedByBackendException(String what, String where) {
        super("unsupported by the DuckDB backend: " + what + " (" + where + ")");
        this.what = what;
    }

    /** What is unsupported, and why. */
    public String what() {
        return what;
    }

    /** The same problem, naming where in the rule it is ({@code file:line: detection.sel.field|cidr}). */
    UnsupportedByBackendException at(String where) {
        return new UnsupportedByBackendException(what, where);
    }
}
