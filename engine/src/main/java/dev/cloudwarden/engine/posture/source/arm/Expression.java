package dev.cloudwarden.engine.posture.source.arm;

import java.util.ArrayList;
import java.util.List;

/**
 * An ARM template language expression, the text between the brackets of {@code "[concat('a', parameters('b'))]"}:
 * function calls, single-quoted strings ({@code ''} is a quote), integers, and property ({@code .name}) and index
 * ({@code [0]}) access, as Microsoft documents the syntax.
 */
sealed interface Expression {
    record Literal(Object value) implements Expression {
    }

    /** A function call; {@code name} as written (ARM function names are case-insensitive). */
    record Call(String name, List<Expression> args) implements Expression {
    }

    record Property(Expression target, String name) implements Expression {
    }

    record Index(Expression target, Expression index) implements Expression {
    }

    /** Input the parser refused, with why. */
    final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A canonical text of an expression (function and property names in lower case, spacing dropped), so two
     * expressions written alike compare equal: {@code resourceId('T', parameters( 'n' ))} names the resource whose name
     * is written {@code [parameters('n')]} even when that parameter has no value.
     */
    static String canonical(Expression e) {
        if (e instanceof Literal l) {
            return l.value() instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(l.value());
        }
        if (e instanceof Property p) {
            return canonical(p.target()) + "." + p.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (e instanceof Index i) {
            return canonical(i.target()) + "[" + canonical(i.index()) + "]";
        }
        Call c = (Call) e;
        StringBuilder out = new StringBuilder(c.name().toLowerCase(java.util.Locale.ROOT)).append('(');
        for (int i = 0; i < c.args().size(); i++) {
            out.append(i == 0 ? "" : ",").append(canonical(c.args().get(i)));
        }
        return out.append(')').toString();
    }

    static Expression parse(String text) throws SyntaxError {
        Parser p = new Parser(text);
        Expression e = p.expression(0);
        p.skipSpace();
        if (!p.atEnd()) {
            throw new SyntaxError("unexpected '" + text.charAt(p.pos) + "' at " + p.pos);
        }
        return e;
    }

    /** A recursive-descent parser bounded in depth, so hostile input cannot exhaust the stack. */
    final class Parser {
        private static final int MAX_DEPTH = 64;
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private boolean take(char c) {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        Expression expression(int depth) throws SyntaxError {
            if (depth > MAX_DEPTH) {
                throw new SyntaxError("expression nested too deeply");
            }
            Expression e = primary(depth);
            while (true) {
                if (take('.')) {
                    e = new Property(e, identifier());
                } else if (take('[')) {
                    Expression index = expression(depth + 1);
                    if (!take(']')) {
                        throw new SyntaxError("missing ']' at " + pos);
                    }
                    e = new Index(e, index);
                } else {
                    return e;
                }
            }
        }

        private Expression primary(int depth) throws SyntaxError {
            skipSpace();
            if (atEnd()) {
                throw new SyntaxError("expression ends early");
            }
            char c = s.charAt(pos);
            if (c == '\'') {
                return new Literal(string());
            }
            if (c == '-' || Character.isDigit(c)) {
                return new Literal(number());
            }
            String name = identifier();
            // A user-defined function is namespace.name(...)
            while (pos < s.length() && s.charAt(pos) == '.' && pos + 1 < s.length()
                    && Character.isLetter(s.charAt(pos + 1)) && isCallAhead()) {
                pos++;
                name = name + "." + identifier();
            }
            if (!take('(')) {
                throw new SyntaxError("expected '(' after " + name);
            }
            List<Expression> args = new ArrayList<>();
            if (!take(')')) {
                do {
                    args.add(expression(depth + 1));
                } while (take(','));
                if (!take(')')) {
                    throw new SyntaxError("missing ')' at " + pos);
                }
            }
            return new Call(name, args);
        }

        /** After a dot: whether an identifier followed by '(' comes next (a namespaced function, not a property). */
        private boolean isCallAhead() {
            int p = pos + 1;
            while (p < s.length() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_')) {
                p++;
            }
            while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
                p++;
            }
            return p < s.length() && s.charAt(p) == '(';
        }

        private String identifier() throws SyntaxError {
            skipSpace();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                    || s.charAt(pos) == '$')) {
                pos++;
            }
            if (start == pos) {
                throw new SyntaxError("expected a name at " + pos);
            }
            return s.substring(start, pos);
        }

        private String string() throws SyntaxError {
            StringBuilder out = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '\'') {
                    if (pos < s.length() && s.charAt(pos) == '\'') {
                        out.append('\'');
                        pos++;
                    } else {
                        return out.toString();
                    }
                } else {
                    out.append(c);
                }
            }
            throw new SyntaxError("unterminated string");
        }

        private Object number() throws SyntaxError {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            String digits = s.substring(start, pos);
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new SyntaxError("bad number '" + digits + "'");
            }
        }
    }
}
