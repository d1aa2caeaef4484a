package dev.cloudwarden.engine.sigma.parse;

import dev.cloudwarden.engine.sigma.model.Condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser of Sigma conditions. Grammar, from least to most binding:
 * <pre>
 *   or    := and ("or" and)*
 *   and   := not ("and" not)*
 *   not   := "not" not | of
 *   of    := ("1" | "all") "of" (pattern | "them") | atom
 *   atom  := "(" or ")" | identifier
 * </pre>
 * Keywords are case-insensitive. Nesting is limited so a hostile condition cannot exhaust the stack.
 */
public final class ConditionParser {
    static final int MAX_DEPTH = 100;

    private final String text;
    private final List<Token> tokens;
    private int next;
    private int depth;

    private ConditionParser(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    /**
     * @throws ConditionSyntaxException with the 0-based character offset of the problem
     */
    public static Condition parse(String text) throws ConditionSyntaxException {
        ConditionParser p = new ConditionParser(text, tokenize(text));
        if (p.tokens.isEmpty()) {
            throw new ConditionSyntaxException("empty condition", 0);
        }
        Condition c = p.or();
        if (p.next < p.tokens.size()) {
            Token t = p.tokens.get(p.next);
            throw new ConditionSyntaxException("unexpected '" + t.text + "'", t.offset);
        }
        return c;
    }

    private Condition or() throws ConditionSyntaxException {
        enter();
        List<Condition> operands = new ArrayList<>();
        operands.add(and());
        while (peekKeyword("or")) {
            next++;
            operands.add(and());
        }
        depth--;
        return operands.size() == 1 ? operands.get(0) : new Condition.Or(operands);
    }

    private Condition and() throws ConditionSyntaxException {
        List<Condition> operands = new ArrayList<>();
        operands.add(not());
        while (peekKeyword("and")) {
            next++;
            operands.add(not());
        }
        return operands.size() == 1 ? operands.get(0) : new Condition.And(operands);
    }

    private Condition not() throws ConditionSyntaxException {
        if (peekKeyword("not")) {
            next++;
            enter();
            Condition operand = not();
            depth--;
            return new Condition.Not(operand);
        }
        return of();
    }

    private Condition of() throws ConditionSyntaxException {
        Token t = expect("a search identifier, '1 of', 'all of', 'not' or '('");
        boolean quantifier = t.text.equals("1") || t.text.equalsIgnoreCase("all") || t.text.equalsIgnoreCase("any");
        if (quantifier && next + 1 < tokens.size() && tokens.get(next + 1).is("of")) {
            next += 2;
            Token target = expect("a search identifier pattern or 'them' after 'of'");
            if (target.kind != Kind.WORD || isKeyword(target.text) && !target.is("them")) {
                throw new ConditionSyntaxException("expected a search identifier pattern or 'them' after 'of', found '"
                        + target.text + "'", target.offset);
            }
            next++;
            return new Condition.OfPattern(t.text.equalsIgnoreCase("all"), target.is("them") ? null : target.text);
        }
        return atom();
    }

    private Condition atom() throws ConditionSyntaxException {
        Token t = expect("a search identifier or '('");
        next++;
        if (t.kind == Kind.OPEN) {
            Condition inner = or();
            Token close = next < tokens.size() ? tokens.get(next) : null;
            if (close == null || close.kind != Kind.CLOSE) {
                throw new ConditionSyntaxException("missing ')' for the '(' at offset " + t.offset,
                        close == null ? text.length() : close.offset);
            }
            next++;
            return inner;
        }
        if (t.kind != Kind.WORD || isKeyword(t.text)) {
            throw new ConditionSyntaxException("expected a search identifier or '(', found '" + t.text + "'", t.offset);
        }
        if (t.text.contains("*")) {
            throw new ConditionSyntaxException("a pattern like '" + t.text + "' needs '1 of' or 'all of' before it", t.offset);
        }
        return new Condition.Ref(t.text);
    }

    private Token expect(String what) throws ConditionSyntaxException {
        if (next >= tokens.size()) {
            throw new ConditionSyntaxException("unexpected end of condition, expected " + what, text.length());
        }
        return tokens.get(next);
    }

    private boolean peekKeyword(String keyword) {
        return next < tokens.size() && tokens.get(next).is(keyword);
    }

    private void enter() throws ConditionSyntaxException {
        if (++depth > MAX_DEPTH) {
            throw new ConditionSyntaxException("condition nested deeper than " + MAX_DEPTH + " levels",
                    next < tokens.size() ? tokens.get(next).offset : text.length());
        }
    }

    private static boolean isKeyword(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return w.equals("and") || w.equals("or") || w.equals("not") || w.equals("of") || w.equals("them");
    }

    private enum Kind { WORD, OPEN, CLOSE }

    private record Token(Kind kind, String text, int offset) {
        boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }
    }

    private static List<Token> tokenize(String text) throws ConditionSyntaxException {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.OPEN, "(", i++));
            } else if (c == ')') {
                tokens.add(new Token(Kind.CLOSE, ")", i++));
            } else if (isWordChar(c)) {
                int start = i;
                while (i < text.length() && isWordChar(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i), start));
            } else {
                throw new ConditionSyntaxException("unexpected character '" + c + "'", i);
            }
        }
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '*' || c == '-' || c == '.';
    }

    /** A syntax error with the offset in the condition text. */
    public static final class ConditionSyntaxException extends Exception {
        private final int offset;

        ConditionSyntaxException(String message, int offset) {
            super(message, null, false, false);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }
}
