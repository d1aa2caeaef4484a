package dev.cloudwarden.engine.intel.feed;

import dev.cloudwarden.engine.intel.feed.StixPattern.*;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A hand-written lexer and recursive-descent parser for {@code STIXPattern.g4}. Each rule of the grammar is one
 * method; left-recursive chains ({@code a OR b OR c}) are loops that build one n-ary node. Nesting is bounded by
 * {@link StixPattern#MAX_DEPTH}, the text by {@link StixPattern#MAX_LENGTH}, so hostile input costs linear time
 * and bounded stack.
 */
final class StixPatternParser {
    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "FOLLOWEDBY", "LIKE", "MATCHES",
            "ISSUPERSET", "ISSUBSET", "EXISTS", "LAST", "IN", "START", "STOP", "SECONDS", "WITHIN",
            "REPEATS", "TIMES", "true", "false");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?Z");
    private static final Pattern BASE64 = Pattern.compile(
            "([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)");
    private static final Pattern HEX = Pattern.compile("([A-Fa-f0-9]{2})*");

    static boolean isKeyword(String s) {
        return KEYWORDS.contains(s);
    }

    private enum Kind { LBRACK, RBRACK, LPAREN, RPAREN, COLON, DOT, COMMA, ASTERISK, OP, IDENT, KEYWORD, STRING, INT, FLOAT, BOOL, BINARY, HEX, TIMESTAMP, EOF }

    private record Token(Kind kind, String text, int offset, Object value) {
        String describe() {
            return switch (kind) {
                case EOF -> "the end of the pattern";
                case STRING -> "string " + StixPatternPrinter.quote(shorten((String) value));
                default -> "'" + shorten(text) + "'";
            };
        }
    }

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int depth;

    StixPatternParser(String text) {
        this.text = text == null ? "" : text;
    }

    StixPattern parse() throws StixPatternException {
        if (text.length() > StixPattern.MAX_LENGTH) {
            throw new StixPatternException(StixPattern.MAX_LENGTH,
                    "pattern longer than " + StixPattern.MAX_LENGTH + " characters");
        }
        lex();
        if (peek().kind == Kind.EOF) {
            throw new StixPatternException(0, "expected an observation expression '[...]' but the pattern is empty");
        }
        Observation root = observationExpressions();
        Token t = peek();
        if (t.kind != Kind.EOF) {
            throw error(t, "expected AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern");
        }
        return new StixPattern(root);
    }

    // ---- grammar ---------------------------------------------------------------------------------------------

    private Observation observationExpressions() throws StixPatternException {
        List<Observation> parts = new ArrayList<>();
        parts.add(observationOr());
        while (acceptKeyword("FOLLOWEDBY")) {
            parts.add(observationOr());
        }
        return parts.size() == 1 ? parts.get(0) : new Join(ObservationOp.FOLLOWEDBY, parts);
    }

    private Observation observationOr() throws StixPatternException {
        List<Observation> parts = new ArrayList<>();
        parts.add(observationAnd());
        while (acceptKeyword("OR")) {
            parts.add(observationAnd());
        }
        return parts.size() == 1 ? parts.get(0) : new Join(ObservationOp.OR, parts);
    }

    private Observation observationAnd() throws StixPatternException {
        List<Observation> parts = new ArrayList<>();
        parts.add(observationExpression());
        while (acceptKeyword("AND")) {
            parts.add(observationExpression());
        }
        return parts.size() == 1 ? parts.get(0) : new Join(ObservationOp.AND, parts);
    }

    private Observation observationExpression() throws StixPatternException {
        Token t = next();
        Observation o;
        if (t.kind == Kind.LBRACK) {
            enter(t);
            o = new Simple(comparisonExpression());
            expect(Kind.RBRACK, "expected ']' to close the '[' at " + t.offset + ", or AND/OR");
            depth--;
        } else if (t.kind == Kind.LPAREN) {
            enter(t);
            o = observationExpressions();
            expect(Kind.RPAREN, "expected ')' to close the '(' at " + t.offset + ", or AND/OR/FOLLOWEDBY");
            depth--;
        } else {
            throw error(t, "expected an observation expression '[...]' or '('");
        }
        while (true) {
            if (acceptKeyword("WITHIN")) {
                Token n = next();
                BigDecimal seconds;
                if (n.kind == Kind.INT && ((BigInteger) n.value).signum() > 0 && !n.text.startsWith("-")) {
                    seconds = new BigDecimal((BigInteger) n.value);
                } else if (n.kind == Kind.FLOAT && ((BigDecimal) n.value).signum() > 0 && !n.text.startsWith("-")) {
                    seconds = (BigDecimal) n.value;
                } else {
                    throw error(n, "expected a positive number of seconds after WITHIN");
                }
                expectKeyword("SECONDS", "expected SECONDS after WITHIN " + n.text);
                o = new Qualified(o, new Within(seconds));
            } else if (acceptKeyword("REPEATS")) {
                Token n = next();
                if (n.kind != Kind.INT || ((BigInteger) n.value).signum() <= 0) {
                    throw error(n, "expected a positive whole number after REPEATS");
                }
                expectKeyword("TIMES", "expected TIMES after REPEATS " + n.text);
                o = new Qualified(o, new Repeats((BigInteger) n.value));
            } else if (acceptKeyword("START")) {
                Timestamp start = timestamp("after START");
                expectKeyword("STOP", "expected STOP t'...' after START");
                Timestamp stop = timestamp("after STOP");
                o = new Qualified(o, new StartStop(start, stop));
            } else {
                return o;
            }
        }
    }

    private Timestamp timestamp(String where) throws StixPatternException {
        Token n = next();
        if (n.kind != Kind.TIMESTAMP) {
            throw error(n, "expected a timestamp t'YYYY-MM-DDThh:mm:ssZ' " + where);
        }
        return (Timestamp) n.value;
    }

    private Comparison comparisonExpression() throws StixPatternException {
        List<Comparison> parts = new ArrayList<>();
        parts.add(comparisonAnd());
        while (acceptKeyword("OR")) {
            parts.add(comparisonAnd());
        }
        return parts.size() == 1 ? parts.get(0) : new Bool(BoolOp.OR, parts);
    }

    private Comparison comparisonAnd() throws StixPatternException {
        List<Comparison> parts = new ArrayList<>();
        parts.add(propTest());
        while (acceptKeyword("AND")) {
            parts.add(propTest());
        }
        return parts.size() == 1 ? parts.get(0) : new Bool(BoolOp.AND, parts);
    }

    private Comparison propTest() throws StixPatternException {
        Token t = peek();
        if (t.kind == Kind.LPAREN) {
            next();
            enter(t);
            Comparison c = comparisonExpression();
            expect(Kind.RPAREN, "expected ')' to close the '(' at " + t.offset + ", or AND/OR");
            depth--;
            return c;
        }
        boolean negated = false;
        if (isKeyword(t, "NOT") && isKeyword(peekAt(1), "EXISTS")) {
            next();
            negated = true;
            t = peek();
        }
        if (isKeyword(t, "EXISTS")) {
            next();
            return new Exists(negated, objectPath());
        }
        ObjectPath path = objectPath();
        negated = acceptKeyword("NOT");
        Token op = next();
        Op o = operator(op);
        Token v = peek();
        Literal value;
        switch (o) {
            case EQ, NEQ -> value = primitive("a value after " + op.text);
            case GT, LT, GE, LE -> {
                value = primitive("a value after " + op.text);
                if (value instanceof BoolLit) {
                    throw error(v, "expected a value that can be ordered after " + op.text + ", not a boolean");
                }
            }
            case IN -> value = set();
            default -> {
                next();
                if (v.kind != Kind.STRING) {
                    throw error(v, "expected a string after " + op.text);
                }
                value = new Str((String) v.value);
            }
        }
        return new PropTest(path, negated, o, value);
    }

    private Op operator(Token op) throws StixPatternException {
        if (op.kind == Kind.OP) {
            return switch (op.text) {
                case "=", "==" -> Op.EQ;
                case "!=", "<>" -> Op.NEQ;
                case ">" -> Op.GT;
                case "<" -> Op.LT;
                case ">=" -> Op.GE;
                case "<=" -> Op.LE;
                default -> throw new AssertionError(op.text);
            };
        }
        if (op.kind == Kind.KEYWORD) {
            switch (op.text) {
                case "IN": return Op.IN;
                case "LIKE": return Op.LIKE;
                case "MATCHES": return Op.MATCHES;
                case "ISSUBSET": return Op.ISSUBSET;
                case "ISSUPERSET": return Op.ISSUPERSET;
                default: break;
            }
        }
        throw error(op, "expected a comparison operator (=, !=, <, >, <=, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)");
    }

    private Literal set() throws StixPatternException {
        Token open = next();
        if (open.kind != Kind.LPAREN) {
            throw error(open, "expected '(' to start the set after IN");
        }
        List<Literal> values = new ArrayList<>();
        if (peek().kind == Kind.RPAREN) {
            next();
            return new SetLit(values);
        }
        values.add(primitive("a value in the set"));
        while (peek().kind == Kind.COMMA) {
            next();
            values.add(primitive("a value in the set"));
        }
        expect(Kind.RPAREN, "expected ',' or ')' in the set started at " + open.offset);
        return new SetLit(values);
    }

    private Literal primitive(String what) throws StixPatternException {
        Token t = next();
        return switch (t.kind) {
            case STRING -> new Str((String) t.value);
            case INT -> new Int((BigInteger) t.value);
            case FLOAT -> new Flt((BigDecimal) t.value);
            case BOOL -> new BoolLit((Boolean) t.value);
            case BINARY -> new Binary((String) t.value);
            case HEX -> new Hex((String) t.value);
            case TIMESTAMP -> (Timestamp) t.value;
            default -> throw error(t, "expected " + what + " (a string, number, boolean, b'..', h'..' or t'..')");
        };
    }

    private ObjectPath objectPath() throws StixPatternException {
        Token type = next();
        if (type.kind != Kind.IDENT) {
            throw error(type, "expected an object path like ipv4-addr:value");
        }
        expect(Kind.COLON, "expected ':' after the object type '" + shorten(type.text) + "'");
        List<Step> steps = new ArrayList<>();
        steps.add(new Key(propertyName(next())));
        while (true) {
            Token t = peek();
            if (t.kind == Kind.DOT) {
                next();
                steps.add(new Key(propertyName(next())));
            } else if (t.kind == Kind.LBRACK) {
                next();
                Token i = next();
                if (i.kind == Kind.ASTERISK) {
                    steps.add(new Index(null));
                } else if (i.kind == Kind.INT) {
                    BigInteger v = (BigInteger) i.value;
                    if (v.bitLength() > 31) {
                        throw error(i, "list index out of range");
                    }
                    steps.add(new Index(v.intValue()));
                } else {
                    throw error(i, "expected a list index (a whole number or '*')");
                }
                expect(Kind.RBRACK, "expected ']' after the list index");
            } else {
                return new ObjectPath(type.text, steps);
            }
        }
    }

    private String propertyName(Token t) throws StixPatternException {
        if (t.kind == Kind.STRING) {
            return (String) t.value;
        }
        if (t.kind == Kind.IDENT && t.text.indexOf('-') < 0) {
            return t.text;
        }
        if (t.kind == Kind.IDENT) {
            throw error(t, "expected a property name; names with '-' must be quoted: '" + shorten(t.text) + "'");
        }
        throw error(t, "expected a property name (an identifier or a quoted string)");
    }

    // ---- token helpers ---------------------------------------------------------------------------------------

    private void enter(Token t) throws StixPatternException {
        if (++depth > StixPattern.MAX_DEPTH) {
            throw new StixPatternException(t.offset, "nesting deeper than " + StixPattern.MAX_DEPTH + " brackets");
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind != Kind.EOF) {
            pos++;
        }
        return t;
    }

    private static boolean isKeyword(Token t, String k) {
        return t.kind == Kind.KEYWORD && t.text.equals(k);
    }

    private boolean acceptKeyword(String k) {
        if (isKeyword(peek(), k)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String k, String message) throws StixPatternException {
        if (!acceptKeyword(k)) {
            throw error(peek(), message);
        }
    }

    private void expect(Kind kind, String message) throws StixPatternException {
        Token t = next();
        if (t.kind != kind) {
            throw error(t, message);
        }
    }

    private static StixPatternException error(Token t, String expected) {
        return new StixPatternException(t.offset, expected + " but found " + t.describe());
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    // ---- lexer -----------------------------------------------------------------------------------------------

    private void lex() throws StixPatternException {
        int i = 0;
        int n = text.length();
        while (true) {
            i = skipSpace(i);
            if (i >= n) {
                tokens.add(new Token(Kind.EOF, "", n, null));
                return;
            }
            char c = text.charAt(i);
            int start = i;
            switch (c) {
                case '[' -> { tokens.add(new Token(Kind.LBRACK, "[", i, null)); i++; }
                case ']' -> { tokens.add(new Token(Kind.RBRACK, "]", i, null)); i++; }
                case '(' -> { tokens.add(new Token(Kind.LPAREN, "(", i, null)); i++; }
                case ')' -> { tokens.add(new Token(Kind.RPAREN, ")", i, null)); i++; }
                case ':' -> { tokens.add(new Token(Kind.COLON, ":", i, null)); i++; }
                case ',' -> { tokens.add(new Token(Kind.COMMA, ",", i, null)); i++; }
                case '*' -> { tokens.add(new Token(Kind.ASTERISK, "*", i, null)); i++; }
                case '=' -> {
                    i += i + 1 < n && text.charAt(i + 1) == '=' ? 2 : 1;
                    tokens.add(new Token(Kind.OP, text.substring(start, i), start, null));
                }
                case '!' -> {
                    if (i + 1 >= n || text.charAt(i + 1) != '=') {
                        throw new StixPatternException(i, "expected '!=' but found '!' alone");
                    }
                    i += 2;
                    tokens.add(new Token(Kind.OP, "!=", start, null));
                }
                case '<', '>' -> {
                    i++;
                    if (i < n && (text.charAt(i) == '=' || (c == '<' && text.charAt(i) == '>'))) {
                        i++;
                    }
                    tokens.add(new Token(Kind.OP, text.substring(start, i), start, null));
                }
                case '\'' -> i = string(i);
                default -> {
                    if (c == '.' && !(i + 1 < n && isDigit(text.charAt(i + 1)))) {
                        tokens.add(new Token(Kind.DOT, ".", i, null));
                        i++;
                    } else if (isDigit(c) || c == '.' || c == '+' || c == '-') {
                        i = number(i);
                    } else if (isIdentStart(c)) {
                        i = word(i);
                    } else {
                        throw new StixPatternException(i, "unexpected character '" + new String(Character.toChars(text.codePointAt(i))) + "'");
                    }
                }
            }
        }
    }

    private int skipSpace(int i) throws StixPatternException {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new StixPatternException(i, "comment '/*' is never closed with '*/'");
                }
                i = end + 2;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\u000B' || c == '\u000C' || c == '\u0085'
                || c == '\u00a0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200a') || c == '\u2028'
                || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c) || c == '-';
    }

    /** Reads a quoted string starting at {@code i}; returns the index after it. */
    private int string(int i) throws StixPatternException {
        int start = i;
        StringBuilder sb = new StringBuilder();
        i++;
        int n = text.length();
        while (true) {
            if (i >= n) {
                throw new StixPatternException(start, "string starting here is never closed with '");
            }
            char c = text.charAt(i);
            if (c == '\'') {
                break;
            }
            if (c == '\\') {
                if (i + 1 < n && (text.charAt(i + 1) == '\'' || text.charAt(i + 1) == '\\')) {
                    sb.append(text.charAt(i + 1));
                    i += 2;
                    continue;
                }
                throw new StixPatternException(i, "only \\' and \\\\ may be escaped in a string");
            }
            sb.append(c);
            i++;
        }
        tokens.add(new Token(Kind.STRING, text.substring(start, i + 1), start, sb.toString()));
        return i + 1;
    }

    private int number(int i) throws StixPatternException {
        int start = i;
        int n = text.length();
        if (text.charAt(i) == '+' || text.charAt(i) == '-') {
            i++;
        }
        int intStart = i;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
        }
        int intEnd = i;
        boolean isFloat = false;
        if (i < n && text.charAt(i) == '.' && i + 1 < n && isDigit(text.charAt(i + 1))) {
            isFloat = true;
            i++;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
        }
        if (!isFloat && intEnd == intStart) {
            throw new StixPatternException(start, "expected a number after '" + text.charAt(start) + "'");
        }
        if (i < n && (isIdentPart(text.charAt(i)) || text.charAt(i) == '.')) {
            throw new StixPatternException(i, "expected a space or an operator after the number "
                    + shorten(text.substring(start, i)) + " but found '" + text.charAt(i) + "'");
        }
        String t = text.substring(start, i);
        String unsigned = t.startsWith("+") ? t.substring(1) : t;
        if (isFloat) {
            String digits = unsigned.startsWith("-.") ? "-0" + unsigned.substring(1)
                    : unsigned.startsWith(".") ? "0" + unsigned : unsigned;
            tokens.add(new Token(Kind.FLOAT, t, start, new BigDecimal(digits)));
        } else {
            if (intEnd - intStart > 1 && text.charAt(intStart) == '0') {
                throw new StixPatternException(intStart, "whole numbers may not have leading zeros: " + shorten(t));
            }
            if (intEnd - intStart > 100) {
                throw new StixPatternException(intStart, "number too long: " + shorten(t));
            }
            tokens.add(new Token(Kind.INT, t, start, new BigInteger(unsigned)));
        }
        return i;
    }

    private int word(int i) throws StixPatternException {
        int start = i;
        int n = text.length();
        char c = text.charAt(i);
        if ((c == 't' || c == 'h' || c == 'b') && i + 1 < n && text.charAt(i + 1) == '\'') {
            int close = text.indexOf('\'', i + 2);
            if (close < 0) {
                throw new StixPatternException(start, c + "'...' literal starting here is never closed with '");
            }
            String body = text.substring(i + 2, close);
            switch (c) {
                case 't' -> {
                    if (!TIMESTAMP.matcher(body).matches()) {
                        throw new StixPatternException(start, "expected a timestamp t'YYYY-MM-DDThh:mm:ss[.s]Z' but found t'" + shorten(body) + "'");
                    }
                    Timestamp ts = new Timestamp(body);
                    try {
                        ts.instant();
                    } catch (DateTimeParseException e) {
                        throw new StixPatternException(start, "no such date: t'" + body + "'");
                    }
                    tokens.add(new Token(Kind.TIMESTAMP, text.substring(start, close + 1), start, ts));
                }
                case 'h' -> {
                    if (!HEX.matcher(body).matches()) {
                        throw new StixPatternException(start, "expected pairs of hex digits in h'...' but found h'" + shorten(body) + "'");
                    }
                    tokens.add(new Token(Kind.HEX, text.substring(start, close + 1), start, body));
                }
                default -> {
                    if (!BASE64.matcher(body).matches()) {
                        throw new StixPatternException(start, "expected base64 in b'...' but found b'" + shorten(body) + "'");
                    }
                    tokens.add(new Token(Kind.BINARY, text.substring(start, close + 1), start, body));
                }
            }
            return close + 1;
        }
        while (i < n && isIdentPart(text.charAt(i))) {
            i++;
        }
        String w = text.substring(start, i);
        if (w.equals("true") || w.equals("false")) {
            tokens.add(new Token(Kind.BOOL, w, start, Boolean.valueOf(w)));
        } else if (KEYWORDS.contains(w)) {
            tokens.add(new Token(Kind.KEYWORD, w, start, null));
        } else {
            tokens.add(new Token(Kind.IDENT, w, start, null));
        }
        return i;
    }
}
