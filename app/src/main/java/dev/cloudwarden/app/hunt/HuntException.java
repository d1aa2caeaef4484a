package dev.cloudwarden.app.hunt;

/**
 * A hunt that did not run or did not finish. Messages are safe to show the hunter: they are DuckDB's own about the
 * query, or ours, never a stack trace; they may quote the query, so print them escaped.
 */
public final class HuntException extends Exception {
    /** Why; the HTTP API maps these to statuses (bad query and refused: 400, timeout: 408, unavailable: 503). */
    public enum Kind {
        /** DuckDB could not parse or bind the query, or failed running it (a bad cast, a missing column). */
        BAD_QUERY,
        /** Not a single read-only SELECT, or it reached for what hunts may not touch (files, settings). */
        REFUSED,
        /** Cancelled at the time limit. */
        TIMEOUT,
        /** What the query needs cannot be reached here (a PostgreSQL store, a missing archive folder). */
        UNAVAILABLE
    }

    private final Kind kind;

    public HuntException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public HuntException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
