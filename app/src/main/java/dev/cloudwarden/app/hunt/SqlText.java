package dev.cloudwarden.app.hunt;

/** SQL literals and identifiers for the statements the hunt package writes itself (never the hunter's query). */
final class SqlText {
    private SqlText() {
    }

    static String string(String text) {
        return dev.cloudwarden.engine.sigma.convert.DuckDbConverter.quote(text);
    }

    static String identifier(String name) {
        return dev.cloudwarden.engine.sigma.convert.DuckDbConverter.quoteIdentifier(name);
    }
}
