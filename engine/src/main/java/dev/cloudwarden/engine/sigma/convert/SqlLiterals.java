package dev.cloudwarden.engine.sigma.convert;

import dev.cloudwarden.engine.sigma.eval.SigmaString;

/** Quoting for the SQL text the converter writes: string literals, identifiers, JSON pointers, LIKE patterns. */
final class SqlLiterals {
    private SqlLiterals() {
    }

    /** A SQL string literal. DuckDB's standard strings take backslashes literally; only quotes are doubled. */
    static String string(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A quoted identifier (a column alias). */
    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A JSON pointer (RFC 6901) to one key, as a SQL literal: any key text works, '~' and '/' escaped. */
    static String pointer(String key) {
        return string("/" + key.replace("~", "~0").replace("/", "~1"));
    }

    /**
     * A Sigma string as a LIKE pattern: {@code *} → {@code %}, {@code ?} → {@code _}, and the literal
     * {@code %}, {@code _} and escape characters escaped.
     */
    static LikePattern like(SigmaString value) {
        StringBuilder sb = new StringBuilder();
        boolean wildcards = false;
        for (SigmaString.Part part : value.parts()) {
            if (part instanceof SigmaString.Literal literal) {
                for (int i = 0; i < literal.text().length(); i++) {
                    char c = literal.text().charAt(i);
                    if (c == DuckDbSyntax.LIKE_ESCAPE || c == '%' || c == '_') {
                        sb.append(DuckDbSyntax.LIKE_ESCAPE);
                    }
                    sb.append(c);
                }
            } else {
                wildcards = true;
                sb.append(part instanceof SigmaString.Star ? DuckDbSyntax.LIKE_ANY : DuckDbSyntax.LIKE_ONE);
            }
        }
        return new LikePattern(sb.toString(), wildcards);
    }

    /** A LIKE pattern and whether it holds wildcards (without any, it is an escaped literal). */
    record LikePattern(String pattern, boolean wildcards) {
        /** The literal text, escapes removed (for wildcard-free patterns). */
        String literal() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == DuckDbSyntax.LIKE_ESCAPE) {
                    c = pattern.charAt(++i);
                }
                sb.append(c);
            }
            return sb.toString();
        }

        /** The pattern as a SQL literal, with the ESCAPE clause when it needs one. */
        String sql() {
            return string(pattern) + (pattern.indexOf(DuckDbSyntax.LIKE_ESCAPE) >= 0 ? DuckDbSyntax.ESCAPE : "");
        }
    }

    /** A double as DuckDB reads it back exactly. */
    static String number(double d) {
        return DuckDbSyntax.DOUBLE.formatted(Double.toString(d));
    }
}
