package dev.cloudwarden.engine.posture.source.terraform.hcl;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for HCL native syntax, following HashiCorp's {@code hclsyntax} specification: bodies of
 * attributes and blocks, the expression grammar with its operator precedence, and templates with interpolations,
 * directives and heredocs. A syntax error is recorded with its line and column and parsing resumes at the next line
 * that starts at column 1 with an identifier (the next top-level block in conventional layout), so one broken block
 * does not lose the rest of the file.
 *
 * <p>Newlines end attributes, but not inside parentheses, brackets, interpolations or {@code for} expressions; inside
 * an object constructor they separate items. A stack of modes tracks which applies.
 */
public final class HclParser {
    /** Deeper nesting than this is an error rather than a stack overflow. */
    static final int MAX_DEPTH = 150;

    private static final Set<String> NO_DIRECTIVES = Set.of();

    private final Lexer lexer;
    private final List<Comment> comments;
    private final List<SyntaxProblem> problems;
    private final Deque<Boolean> skipNewlines = new ArrayDeque<>();
    private Token peeked;
    private Token last;
    private int depth;

    private HclParser(Source source, List<Comment> comments, List<SyntaxProblem> problems, int depth) {
        this.lexer = new Lexer(source, comments);
        this.comments = comments;
        this.problems = problems;
        this.depth = depth;
        skipNewlines.push(false);
    }

    /** Parses a whole {@code .tf} or {@code .tfvars} file; never throws for bad input. */
    public static HclFile parseFile(String fileName, String text) {
        Source source = Source.of(fileName, text);
        List<Comment> comments = new ArrayList<>();
        List<SyntaxProblem> problems = new ArrayList<>();
        HclParser p = new HclParser(source, comments, problems, 0);
        Body body = p.parseTopLevel();
        return new HclFile(source, body, List.copyOf(comments), List.copyOf(problems));
    }

    /** A template file ({@code templatefile}): the whole text is a template, as a heredoc body is. */
    public static ParsedTemplate parseTemplate(String fileName, String text) {
        return parseTemplate(fileName, text, 1);
    }

    /** A template whose text starts on {@code firstLine} of its file (a string in a {@code .tf.json} file). */
    public static ParsedTemplate parseTemplate(String fileName, String text, int firstLine) {
        List<SyntaxProblem> problems = new ArrayList<>();
        HclParser p = new HclParser(new Source(fileName, text, firstLine), new ArrayList<>(), problems, 0);
        try {
            Expr e = p.templateExpr(0, 1, p.templateBody(true, NO_DIRECTIVES).parts);
            return new ParsedTemplate(e, List.of());
        } catch (HclSyntaxException e) {
            return new ParsedTemplate(null, List.of(new SyntaxProblem(e.line(), e.column(), e.getMessage())));
        }
    }

    /** A template's expression, or null with the problems that stopped it. */
    public record ParsedTemplate(Expr expr, List<SyntaxProblem> problems) {
    }

    // ---- bodies ----

    private Body parseTopLevel() {
        List<Body.Item> items = new ArrayList<>();
        while (true) {
            try {
                skipNewlineTokens();
                if (peek().is(TokenType.EOF)) {
                    break;
                }
                items.add(parseItem(false));
            } catch (HclSyntaxException e) {
                problems.add(new SyntaxProblem(e.line(), e.column(), e.getMessage()));
                if (!recover()) {
                    break;
                }
            }
        }
        return new Body(items);
    }

    /** Skips to the next line starting with an identifier at column 1; false at the end of the text. */
    private boolean recover() {
        peeked = null;
        skipNewlines.clear();
        skipNewlines.push(false);
        depth = 0;
        String text = lexer.source().text();
        int from = Math.min(lexer.pos(), text.length());
        int line = lexer.line();
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                if (i + 1 < text.length() && Lexer.isIdentStart(text.charAt(i + 1))) {
                    lexer.resetTo(i + 1, line);
                    return true;
                }
            }
        }
        return false;
    }

    private Body parseBody() {
        List<Body.Item> items = new ArrayList<>();
        while (true) {
            skipNewlineTokens();
            Token t = peek();
            if (t.is(TokenType.RBRACE)) {
                return new Body(items);
            }
            if (t.is(TokenType.EOF)) {
                throw error(t, "missing '}' to close the block");
            }
            items.add(parseItem(true));
        }
    }

    private Body.Item parseItem(boolean inBlock) {
        Token name = take();
        if (!name.is(TokenType.IDENT)) {
            throw error(name, "expected an attribute or block, found " + describe(name));
        }
        if (peek().is(TokenType.EQUAL)) {
            take();
            Expr value = parseExpression();
            Body.Attribute a = new Body.Attribute(span(name), name.text(), value);
            endOfItem(inBlock);
            return a;
        }
        List<String> labels = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.is(TokenType.IDENT)) {
                labels.add(take().text());
            } else if (t.is(TokenType.OQUOTE)) {
                take();
                Expr label = quotedTemplate(t);
                if (!(label instanceof Expr.Literal l) || !(l.value() instanceof String s)) {
                    throw error(t, "a block label must be a literal string");
                }
                labels.add(s);
            } else {
                break;
            }
        }
        Token open = take();
        if (!open.is(TokenType.LBRACE)) {
            throw error(open, "expected '=' or '{' after '" + name.text() + "', found " + describe(open));
        }
        enter();
        skipNewlines.push(false);
        Body body = parseBody();
        take();
        skipNewlines.pop();
        depth--;
        Body.Block b = new Body.Block(span(name), name.text(), List.copyOf(labels), body);
        endOfItem(inBlock);
        return b;
    }

    private void endOfItem(boolean inBlock) {
        Token t = peek();
        if (t.is(TokenType.NEWLINE)) {
            take();
        } else if (!t.is(TokenType.EOF) && !(inBlock && t.is(TokenType.RBRACE))) {
            throw error(t, "expected a newline after the attribute or block, found " + describe(t));
        }
    }

    // ---- expressions ----

    /** One expression filling the whole text; a syntax error is thrown. */
    public static Expr parseExpressionText(String fileName, String text, int firstLine) {
        HclParser p = new HclParser(new Source(fileName, text, firstLine), new ArrayList<>(), new ArrayList<>(), 0);
        p.skipNewlines.push(true);
        Expr e = p.parseExpression();
        Token t = p.peek();
        if (!t.is(TokenType.EOF)) {
            throw p.error(t, "unexpected " + describe(t) + " after the expression");
        }
        return e;
    }

    private Expr parseExpression() {
        enter();
        try {
            Expr condition = parseBinary(1);
            if (!peek().is(TokenType.QUESTION)) {
                return condition;
            }
            take();
            Expr whenTrue = parseExpression();
            expect(TokenType.COLON, "':' in a conditional expression");
            Expr whenFalse = parseExpression();
            return new Expr.Conditional(span(condition.span()), condition, whenTrue, whenFalse);
        } finally {
            depth--;
        }
    }

    private Expr parseBinary(int minPrecedence) {
        Expr left = parseUnary();
        while (true) {
            Expr.Operator op = binaryOperator(peek());
            if (op == null || op.precedence() < minPrecedence) {
                return left;
            }
            take();
            enter();
            Expr right = parseBinary(op.precedence() + 1);
            depth--;
            left = new Expr.Binary(span(left.span()), op, left, right);
        }
    }

    private static Expr.Operator binaryOperator(Token t) {
        return switch (t.type()) {
            case OR -> Expr.Operator.OR;
            case AND -> Expr.Operator.AND;
            case EQEQ -> Expr.Operator.EQ;
            case NOTEQ -> Expr.Operator.NOT_EQ;
            case LT -> Expr.Operator.LT;
            case LE -> Expr.Operator.LE;
            case GT -> Expr.Operator.GT;
            case GE -> Expr.Operator.GE;
            case PLUS -> Expr.Operator.ADD;
            case MINUS -> Expr.Operator.SUBTRACT;
            case STAR -> Expr.Operator.MULTIPLY;
            case SLASH -> Expr.Operator.DIVIDE;
            case PERCENT -> Expr.Operator.MODULO;
            default -> null;
        };
    }

    private Expr parseUnary() {
        Token t = peek();
        if (t.is(TokenType.MINUS) || t.is(TokenType.BANG)) {
            take();
            enter();
            Expr operand = parseUnary();
            depth--;
            return new Expr.Unary(span(t), t.is(TokenType.MINUS) ? Expr.Operator.NEGATE : Expr.Operator.NOT, operand);
        }
        return parsePostfix(parsePrimary());
    }

    private Expr parsePostfix(Expr e) {
        while (true) {
            Token t = peek();
            if (t.is(TokenType.DOT)) {
                take();
                Token n = take();
                switch (n.type()) {
                    case IDENT -> e = new Expr.GetAttr(span(e.span()), e, n.text());
                    case NUMBER -> e = legacyIndexes(e, n);
                    case STAR -> e = splat(e, true);
                    default -> throw error(n, "expected an attribute name after '.', found " + describe(n));
                }
            } else if (t.is(TokenType.LBRACK)) {
                take();
                skipNewlines.push(true);
                if (peek().is(TokenType.STAR)) {
                    take();
                    expect(TokenType.RBRACK, "']' after '[*'");
                    skipNewlines.pop();
                    e = splat(e, false);
                } else {
                    Expr key = parseExpression();
                    expect(TokenType.RBRACK, "']' after an index");
                    skipNewlines.pop();
                    e = new Expr.Index(span(e.span()), e, key);
                }
            } else {
                return e;
            }
        }
    }

    /** {@code x.0} (and {@code x.0.1}, which the lexer reads as the number 0.1). */
    private Expr legacyIndexes(Expr e, Token n) {
        if (!n.text().matches("[0-9]+(\\.[0-9]+)?")) {
            throw error(n, "expected an attribute name or index after '.', found " + describe(n));
        }
        for (String part : n.text().split("\\.")) {
            Expr key = new Expr.Literal(span(n), new BigDecimal(part));
            e = new Expr.Index(span(e.span()), e, key);
        }
        return e;
    }

    /**
     * The traversal steps after a splat operator apply to each element: attribute steps after {@code .*}, attribute
     * and index steps after {@code [*]}.
     */
    private Expr splat(Expr source, boolean attributesOnly) {
        Span at = span(source.span());
        Expr each = new Expr.SplatItem(new Span(at.source(), at.end(), at.end(), at.endLine(), at.endLine()));
        while (true) {
            Token t = peek();
            if (t.is(TokenType.DOT)) {
                take();
                Token n = take();
                if (n.is(TokenType.IDENT)) {
                    each = new Expr.GetAttr(span(each.span()), each, n.text());
                } else if (n.is(TokenType.NUMBER)) {
                    each = legacyIndexes(each, n);
                } else if (n.is(TokenType.STAR)) {
                    each = splat(each, true);
                    break;
                } else {
                    throw error(n, "expected an attribute name after '.', found " + describe(n));
                }
            } else if (t.is(TokenType.LBRACK) && !attributesOnly) {
                take();
                skipNewlines.push(true);
                if (peek().is(TokenType.STAR)) {
                    take();
                    expect(TokenType.RBRACK, "']' after '[*'");
                    skipNewlines.pop();
                    each = splat(each, false);
                    break;
                }
                Expr key = parseExpression();
                expect(TokenType.RBRACK, "']' after an index");
                skipNewlines.pop();
                each = new Expr.Index(span(each.span()), each, key);
            } else {
                break;
            }
        }
        return new Expr.Splat(span(source.span()), source, each);
    }

    private Expr parsePrimary() {
        Token t = take();
        switch (t.type()) {
            case NUMBER:
                return new Expr.Literal(span(t), new BigDecimal(t.text()));
            case IDENT:
                return identifierExpression(t);
            case OQUOTE:
                return quotedTemplate(t);
            case HEREDOC:
                return heredoc(t);
            case LBRACK: {
                skipNewlines.push(true);
                try {
                    return peek().isKeyword("for") ? forExpression(t, false) : tuple(t);
                } finally {
                    skipNewlines.pop();
                }
            }
            case LBRACE: {
                skipNewlines.push(false);
                try {
                    skipNewlineTokens();
                    if (peek().isKeyword("for")) {
                        skipNewlines.push(true);
                        try {
                            return forExpression(t, true);
                        } finally {
                            skipNewlines.pop();
                        }
                    }
                    return object(t);
                } finally {
                    skipNewlines.pop();
                }
            }
            case LPAREN: {
                skipNewlines.push(true);
                Expr inner = parseExpression();
                expect(TokenType.RPAREN, "')'");
                skipNewlines.pop();
                return new Expr.Parens(span(t), inner);
            }
            default:
                throw error(t, "expected an expression, found " + describe(t));
        }
    }

    private Expr identifierExpression(Token t) {
        switch (t.text()) {
            case "true":
                return new Expr.Literal(span(t), Boolean.TRUE);
            case "false":
                return new Expr.Literal(span(t), Boolean.FALSE);
            case "null":
                return new Expr.Literal(span(t), null);
            default:
                break;
        }
        String name = t.text();
        if (peek().is(TokenType.DOUBLE_COLON)) {
            StringBuilder qualified = new StringBuilder(name);
            while (peek().is(TokenType.DOUBLE_COLON)) {
                take();
                qualified.append("::").append(expect(TokenType.IDENT, "a function name after '::'").text());
            }
            name = qualified.toString();
            if (!peek().is(TokenType.LPAREN)) {
                throw error(peek(), "expected '(' after the function name " + name);
            }
        }
        if (peek().is(TokenType.LPAREN)) {
            return call(t, name);
        }
        return new Expr.Variable(span(t), name);
    }

    private Expr call(Token start, String name) {
        take();
        skipNewlines.push(true);
        List<Expr> args = new ArrayList<>();
        boolean expand = false;
        while (!peek().is(TokenType.RPAREN)) {
            if (expand) {
                throw error(peek(), "'...' may only follow the last argument");
            }
            args.add(parseExpression());
            if (peek().is(TokenType.ELLIPSIS)) {
                take();
                expand = true;
            }
            if (peek().is(TokenType.COMMA)) {
                take();
            } else if (!peek().is(TokenType.RPAREN)) {
                throw error(peek(), "expected ',' or ')' in the arguments of " + name + ", found " + describe(peek()));
            }
        }
        take();
        skipNewlines.pop();
        return new Expr.Call(span(start), name, List.copyOf(args), expand);
    }

    private Expr tuple(Token open) {
        List<Expr> items = new ArrayList<>();
        while (!peek().is(TokenType.RBRACK)) {
            items.add(parseExpression());
            if (peek().is(TokenType.COMMA)) {
                take();
            } else if (!peek().is(TokenType.RBRACK)) {
                throw error(peek(), "expected ',' or ']' in a tuple, found " + describe(peek()));
            }
        }
        take();
        return new Expr.Tuple(span(open), List.copyOf(items));
    }

    private Expr object(Token open) {
        List<Expr.ObjectItem> items = new ArrayList<>();
        while (true) {
            skipNewlineTokens();
            if (peek().is(TokenType.RBRACE)) {
                break;
            }
            Expr key = parseExpression();
            if (key instanceof Expr.Variable v && peek().is(TokenType.LBRACE)) {
                // HCL 1 wrote nested objects as blocks ("principals { ... }"); read it as "principals = { ... }",
                // as Checkov's parser does, rather than lose the whole enclosing block.
                Token open2 = take();
                skipNewlines.push(false);
                Expr nested = object(open2);
                skipNewlines.pop();
                items.add(new Expr.ObjectItem(key, nested, v.name()));
                Token t = peek();
                if (t.is(TokenType.COMMA) || t.is(TokenType.NEWLINE)) {
                    take();
                }
                continue;
            }
            Token sep = take();
            if (!sep.is(TokenType.EQUAL) && !sep.is(TokenType.COLON)) {
                throw error(sep, "expected '=' or ':' after an object key, found " + describe(sep));
            }
            Expr value = parseExpression();
            String bare = key instanceof Expr.Variable v ? v.name() : null;
            items.add(new Expr.ObjectItem(key, value, bare));
            Token t = peek();
            if (t.is(TokenType.COMMA) || t.is(TokenType.NEWLINE)) {
                take();
            } else if (!t.is(TokenType.RBRACE)) {
                throw error(t, "expected ',', a newline or '}' after an object item, found " + describe(t));
            }
        }
        take();
        return new Expr.ObjectCons(span(open), List.copyOf(items));
    }

    private Expr forExpression(Token open, boolean object) {
        take();
        String first = expect(TokenType.IDENT, "a variable name after 'for'").text();
        String keyVar = null;
        String valueVar = first;
        if (peek().is(TokenType.COMMA)) {
            take();
            keyVar = first;
            valueVar = expect(TokenType.IDENT, "a second variable name").text();
        }
        Token in = take();
        if (!in.isKeyword("in")) {
            throw error(in, "expected 'in' in a for expression, found " + describe(in));
        }
        Expr collection = parseExpression();
        expect(TokenType.COLON, "':' after the collection of a for expression");
        Expr keyExpr = null;
        if (object) {
            keyExpr = parseExpression();
            expect(TokenType.ARROW, "'=>' in an object for expression");
        }
        Expr valueExpr = parseExpression();
        boolean grouping = false;
        if (object && peek().is(TokenType.ELLIPSIS)) {
            take();
            grouping = true;
        }
        Expr condition = null;
        if (peek().isKeyword("if")) {
            take();
            condition = parseExpression();
        }
        expect(object ? TokenType.RBRACE : TokenType.RBRACK, object ? "'}' to end the for expression"
                : "']' to end the for expression");
        return new Expr.ForExpr(span(open), keyVar, valueVar, collection, keyExpr, valueExpr, condition, grouping);
    }

    // ---- templates ----

    private Expr quotedTemplate(Token open) {
        TemplateBody body = templateBody(false, NO_DIRECTIVES);
        return templateExpr(open.start(), open.line(), body.parts);
    }

    private Expr templateExpr(int start, int startLine, List<TemplatePart> parts) {
        markEnd();
        Span span = new Span(lexer.source(), start, lexer.pos(), startLine, lexer.line());
        if (parts.isEmpty()) {
            return new Expr.Literal(span, "");
        }
        if (parts.size() == 1 && parts.get(0) instanceof TemplatePart.Text t) {
            return new Expr.Literal(span, t.text());
        }
        return new Expr.Template(span, List.copyOf(parts));
    }

    private record TemplateBody(List<TemplatePart> parts, String endedBy) {
    }

    /**
     * Reads template text until the closing quote (quoted), the end of the text (heredoc body, template file), or one
     * of the given directives ({@code else}, {@code endif}, {@code endfor}), which is consumed and returned.
     */
    private TemplateBody templateBody(boolean heredoc, Set<String> endDirectives) {
        enter();
        List<TemplatePart> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try {
            while (true) {
                if (lexer.atEnd()) {
                    if (!heredoc) {
                        throw lexer.error("unterminated string: missing '\"'");
                    }
                    if (!endDirectives.isEmpty()) {
                        throw lexer.error("template directive not closed: expected %{" + String.join(" or %{",
                                endDirectives.stream().sorted().toList()) + "}");
                    }
                    flush(parts, text);
                    return new TemplateBody(parts, null);
                }
                int c = lexer.peekChar(0);
                if (!heredoc && c == '"') {
                    lexer.advance();
                    if (!endDirectives.isEmpty()) {
                        throw lexer.error("template directive not closed before the end of the string");
                    }
                    flush(parts, text);
                    return new TemplateBody(parts, null);
                }
                if (!heredoc && c == '\n') {
                    throw lexer.error("unterminated string: a quoted string cannot span lines (use a heredoc)");
                }
                if (!heredoc && c == '\\') {
                    escape(text);
                    continue;
                }
                if ((c == '$' || c == '%') && lexer.peekChar(1) == c && lexer.peekChar(2) == '{') {
                    text.append((char) c).append('{');
                    lexer.advance();
                    lexer.advance();
                    lexer.advance();
                    continue;
                }
                if (c == '$' && lexer.peekChar(1) == '{') {
                    openSequence(parts, text);
                    Expr e = parseExpression();
                    boolean strip = closeSequence("'}' to end the interpolation");
                    parts.add(new TemplatePart.Interpolation(e));
                    stripLeading(strip);
                    continue;
                }
                if (c == '%' && lexer.peekChar(1) == '{') {
                    Token open = new Token(TokenType.LBRACE, "%{", lexer.pos(), lexer.pos() + 2, lexer.line(),
                            lexer.column());
                    openSequence(parts, text);
                    Token keyword = expect(TokenType.IDENT, "a directive (if, else, endif, for, endfor)");
                    switch (keyword.text()) {
                        case "if" -> parts.add(ifDirective(heredoc));
                        case "for" -> parts.add(forDirective(heredoc));
                        case "else", "endif", "endfor" -> {
                            if (!endDirectives.contains(keyword.text())) {
                                throw error(open, "unexpected %{" + keyword.text() + "}");
                            }
                            stripLeading(closeSequence("'}' to end the directive"));
                            return new TemplateBody(parts, keyword.text());
                        }
                        default -> throw error(keyword, "unknown template directive '" + keyword.text() + "'");
                    }
                    continue;
                }
                text.append((char) c);
                lexer.advance();
            }
        } finally {
            depth--;
        }
    }

    private TemplatePart ifDirective(boolean heredoc) {
        Expr condition = parseExpression();
        stripLeading(closeSequence("'}' to end %{if}"));
        TemplateBody whenTrue = templateBody(heredoc, Set.of("else", "endif"));
        List<TemplatePart> whenFalse = List.of();
        if ("else".equals(whenTrue.endedBy)) {
            whenFalse = templateBody(heredoc, Set.of("endif")).parts;
        }
        return new TemplatePart.If(condition, List.copyOf(whenTrue.parts), List.copyOf(whenFalse));
    }

    private TemplatePart forDirective(boolean heredoc) {
        String first = expect(TokenType.IDENT, "a variable name after 'for'").text();
        String keyVar = null;
        String valueVar = first;
        if (peek().is(TokenType.COMMA)) {
            take();
            keyVar = first;
            valueVar = expect(TokenType.IDENT, "a second variable name").text();
        }
        Token in = take();
        if (!in.isKeyword("in")) {
            throw error(in, "expected 'in' in %{for}, found " + describe(in));
        }
        Expr collection = parseExpression();
        stripLeading(closeSequence("'}' to end %{for}"));
        TemplateBody body = templateBody(heredoc, Set.of("endfor"));
        return new TemplatePart.For(keyVar, valueVar, collection, List.copyOf(body.parts));
    }

    /** Consumes {@code ${} or {@code %{} and an optional {@code ~}, which strips the whitespace before it. */
    private void openSequence(List<TemplatePart> parts, StringBuilder text) {
        lexer.advance();
        lexer.advance();
        if (lexer.peekChar(0) == '~') {
            lexer.advance();
            int end = text.length();
            while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            text.setLength(end);
        }
        flush(parts, text);
        skipNewlines.push(true);
    }

    /** Consumes the closing brace; true when it was {@code ~}}, which strips the whitespace after it. */
    private boolean closeSequence(String what) {
        Token t = peek();
        if (!t.is(TokenType.RBRACE) && !t.is(TokenType.STRIP_RBRACE)) {
            throw error(t, "expected " + what + ", found " + describe(t));
        }
        peeked = null;
        last = t;
        skipNewlines.pop();
        return t.is(TokenType.STRIP_RBRACE);
    }

    private void stripLeading(boolean strip) {
        while (strip && !lexer.atEnd() && Character.isWhitespace(lexer.peekChar(0))) {
            lexer.advance();
        }
    }

    private static void flush(List<TemplatePart> parts, StringBuilder text) {
        if (!text.isEmpty()) {
            parts.add(new TemplatePart.Text(text.toString()));
            text.setLength(0);
        }
    }

    private void escape(StringBuilder text) {
        int line = lexer.line();
        int column = lexer.column();
        lexer.advance();
        if (lexer.atEnd()) {
            throw new HclSyntaxException(line, column, "unterminated escape sequence");
        }
        char e = lexer.advance();
        switch (e) {
            case 'n' -> text.append('\n');
            case 'r' -> text.append('\r');
            case 't' -> text.append('\t');
            case '"' -> text.append('"');
            case '\\' -> text.append('\\');
            case 'u', 'U' -> {
                int digits = e == 'u' ? 4 : 8;
                StringBuilder hex = new StringBuilder();
                for (int i = 0; i < digits && !lexer.atEnd() && isHex(lexer.peekChar(0)); i++) {
                    hex.append(lexer.advance());
                }
                if (hex.length() != digits) {
                    throw new HclSyntaxException(line, column, "\\" + e + " needs " + digits + " hex digits");
                }
                int cp = (int) Long.parseLong(hex.toString(), 16);
                if (!Character.isValidCodePoint(cp)) {
                    throw new HclSyntaxException(line, column, "\\" + e + hex + " is not a valid character");
                }
                text.appendCodePoint(cp);
            }
            default -> throw new HclSyntaxException(line, column, "invalid escape sequence \\" + e);
        }
    }

    private static boolean isHex(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /**
     * A heredoc: its body runs to the line holding only the marker. The body is re-parsed as a template on its own,
     * after {@code <<-} has removed the indentation common to its lines, so line numbers still point into the file.
     */
    private Expr heredoc(Token open) {
        String spec = open.text().substring(2).strip();
        boolean indented = spec.startsWith("-");
        String marker = indented ? spec.substring(1) : spec;
        String text = lexer.source().text();
        int bodyStart = lexer.pos();
        int bodyLine = lexer.line();
        int lineStart = bodyStart;
        int line = bodyLine;
        while (true) {
            if (lineStart >= text.length()) {
                throw error(open, "heredoc not terminated: expected a line with " + marker);
            }
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            if (text.substring(lineStart, lineEnd).strip().equals(marker)) {
                String body = text.substring(bodyStart, lineStart);
                int markerEnd = lineEnd > lineStart && text.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
                while (lexer.pos() < markerEnd) {
                    lexer.advance();
                }
                if (indented) {
                    body = stripCommonIndent(body);
                }
                Source inner = new Source(lexer.source().fileName(), body, bodyLine);
                HclParser p = new HclParser(inner, comments, problems, depth);
                TemplateBody parsed = p.templateBody(true, NO_DIRECTIVES);
                markEnd();
                Span span = new Span(lexer.source(), open.start(), lexer.pos(), open.line(), line);
                if (parsed.parts.isEmpty()) {
                    return new Expr.Literal(span, "");
                }
                if (parsed.parts.size() == 1 && parsed.parts.get(0) instanceof TemplatePart.Text t) {
                    return new Expr.Literal(span, t.text());
                }
                return new Expr.Template(span, List.copyOf(parsed.parts));
            }
            lineStart = lineEnd + 1;
            line++;
        }
    }

    static String stripCommonIndent(String body) {
        String[] lines = body.split("\n", -1);
        int common = Integer.MAX_VALUE;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isBlank()) {
                continue;
            }
            int n = 0;
            while (n < l.length() && (l.charAt(n) == ' ' || l.charAt(n) == '\t')) {
                n++;
            }
            common = Math.min(common, n);
        }
        if (common == Integer.MAX_VALUE || common == 0) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            int n = 0;
            while (n < common && n < l.length() && (l.charAt(n) == ' ' || l.charAt(n) == '\t')) {
                n++;
            }
            out.append(l, n, l.length());
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    // ---- tokens ----

    private Token peek() {
        if (peeked == null) {
            peeked = lexer.next();
        }
        if (skipNewlines.peek()) {
            while (peeked.is(TokenType.NEWLINE)) {
                peeked = lexer.next();
            }
        }
        return peeked;
    }

    private Token take() {
        Token t = peek();
        peeked = null;
        last = t;
        return t;
    }

    private Token expect(TokenType type, String what) {
        Token t = take();
        if (!t.is(type)) {
            throw error(t, "expected " + what + ", found " + describe(t));
        }
        return t;
    }

    private void skipNewlineTokens() {
        while (peek().is(TokenType.NEWLINE)) {
            take();
        }
    }

    /** After text read character by character, spans of enclosing elements end here. */
    private void markEnd() {
        last = new Token(TokenType.OQUOTE, "", lexer.pos(), lexer.pos(), lexer.line(), lexer.column());
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw lexer.error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private Span span(Token start) {
        return new Span(lexer.source(), start.start(), last.end(), start.line(), last.line());
    }

    private Span span(Span start) {
        return new Span(lexer.source(), start.start(), last.end(), start.line(), last.line());
    }

    private static HclSyntaxException error(Token t, String reason) {
        return new HclSyntaxException(t.line(), t.column(), reason);
    }

    private static String describe(Token t) {
        return switch (t.type()) {
            case EOF -> "the end of the file";
            case NEWLINE -> "a newline";
            case OQUOTE -> "a string";
            case HEREDOC -> "a heredoc";
            default -> "'" + t.text() + "'";
        };
    }
}
