package dev.cloudwarden.app.cli;

/**
 * How a command that lists things prints them: a table for a person, or one JSON object per line for scripts
 * ({@code jq}). Every listing command takes {@code --format} with these values and this default.
 */
enum ListFormat {
    table, json;

    /** The {@code --format} help of listing commands. */
    static final String HELP = "table or json (one object per line, control characters escaped). "
            + "Default: table on a terminal, json otherwise.";

    /** The format asked for; else a table on a terminal, and JSON when stdout is piped or redirected. */
    static ListFormat resolve(ListFormat asked) {
        return asked != null ? asked : Terminal.stdoutIsTerminal() ? table : json;
    }
}
