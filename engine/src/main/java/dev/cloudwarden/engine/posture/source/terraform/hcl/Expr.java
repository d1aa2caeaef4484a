package dev.cloudwarden.engine.posture.source.terraform.hcl;

import java.math.BigDecimal;
import java.util.List;

/** An HCL expression (the native syntax specification's expression grammar), with where it is written. */
public sealed interface Expr {
    Span span();

    /** A number ({@link BigDecimal}), a string, a bool or null. */
    record Literal(Span span, Object value) implements Expr {
    }

    /** A quoted string or heredoc with interpolations or directives. */
    record Template(Span span, List<TemplatePart> parts) implements Expr {
    }

    /** The root of a traversal: {@code var}, {@code local}, a resource type, an iteration variable. */
    record Variable(Span span, String name) implements Expr {
    }

    record GetAttr(Span span, Expr object, String name) implements Expr {
    }

    /** {@code x[key]}, and the legacy {@code x.0}. */
    record Index(Span span, Expr collection, Expr key) implements Expr {
    }

    /**
     * {@code source[*].each} or {@code source.*.each}: {@code each} is evaluated once per element, with
     * {@link SplatItem} standing for the element.
     */
    record Splat(Span span, Expr source, Expr each) implements Expr {
    }

    /** The current element inside a splat's {@code each}. */
    record SplatItem(Span span) implements Expr {
    }

    /** {@code name(args)}; {@code expandFinal} when the last argument is followed by {@code ...}. */
    record Call(Span span, String name, List<Expr> args, boolean expandFinal) implements Expr {
    }

    record Tuple(Span span, List<Expr> items) implements Expr {
    }

    record ObjectCons(Span span, List<ObjectItem> items) implements Expr {
    }

    /** One {@code key = value}; a bare identifier key is the string of its name, not a variable. */
    record ObjectItem(Expr key, Expr value, String bareKey) {
    }

    /**
     * {@code [for k, v in c : v if cond]} ({@code keyExpr} null) or {@code {for k, v in c : k => v... if cond}};
     * {@code keyVar} is null when only one variable is named.
     */
    record ForExpr(Span span, String keyVar, String valueVar, Expr collection, Expr keyExpr, Expr valueExpr,
                   Expr condition, boolean grouping) implements Expr {
    }

    record Conditional(Span span, Expr condition, Expr whenTrue, Expr whenFalse) implements Expr {
    }

    record Binary(Span span, Operator op, Expr left, Expr right) implements Expr {
    }

    record Unary(Span span, Operator op, Expr operand) implements Expr {
    }

    record Parens(Span span, Expr inner) implements Expr {
    }

    enum Operator {
        OR("||", 1), AND("&&", 2), EQ("==", 3), NOT_EQ("!=", 3), LT("<", 4), LE("<=", 4), GT(">", 4), GE(">=", 4),
        ADD("+", 5), SUBTRACT("-", 5), MULTIPLY("*", 6), DIVIDE("/", 6), MODULO("%", 6), NEGATE("-", 7), NOT("!", 7);

        private final String symbol;
        private final int precedence;

        Operator(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }

        public String symbol() {
            return symbol;
        }

        /** Higher binds tighter, per the specification's table (1 for {@code ||} up to 6 for {@code * / %}). */
        public int precedence() {
            return precedence;
        }
    }
}
