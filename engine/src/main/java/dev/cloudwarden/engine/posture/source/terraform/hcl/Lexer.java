package dev.cloudwarden.engine.posture.source.terraform.hcl;

import java.util.List;

/**
 * Turns HCL native syntax into tokens one at a time, on demand. Templates are not tokenized here: the parser reads a
 * quoted string or heredoc body character by character ({@link #peekChar}, {@link #advance}) and asks for tokens
 * again inside each {@code ${...}} and {@code %{...}}, which is why tokens are produced lazily rather than up front.
 */
final class Lexer {
    private final Source source;
    private final String text;
    private final List<Comment> comments;
    private int pos;
    private int line;
    private int column = 1;

    Lexer(Source source, List<Comment> comments) {
        this.source = source;
        this.text = source.text();
        this.comments = comments;
        this.line = source.firstLine();
    }

    Source source() {
        return source;
    }

    int pos() {
        return pos;
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    /** The character {@code ahead} positions on, or -1 past the end. */
    int peekChar(int ahead) {
        int p = pos + ahead;
        return p < text.length() ? text.charAt(p) : -1;
    }

    char advance() {
        char c = text.charAt(pos++);
        if (c == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        return c;
    }

    /** Moves to the start of a line, for error recovery. */
    void resetTo(int newPos, int newLine) {
        pos = newPos;
        line = newLine;
        column = 1;
    }

    HclSyntaxException error(String reason) {
        return new HclSyntaxException(line, column, reason);
    }

    Token next() {
        skipSpaceAndComments();
        int start = pos;
        int startLine = line;
        int startColumn = column;
        if (atEnd()) {
            return new Token(TokenType.EOF, "", start, start, startLine, startColumn);
        }
        char c = text.charAt(pos);
        if (c == '\n') {
            advance();
            return token(TokenType.NEWLINE, start, startLine, startColumn);
        }
        if (isIdentStart(c)) {
            advance();
            while (!atEnd() && isIdentPart(text.charAt(pos))) {
                advance();
            }
            return token(TokenType.IDENT, start, startLine, startColumn);
        }
        if (c >= '0' && c <= '9') {
            return number(start, startLine, startColumn);
        }
        advance();
        TokenType type = switch (c) {
            case '"' -> TokenType.OQUOTE;
            case '{' -> TokenType.LBRACE;
            case '}' -> TokenType.RBRACE;
            case '[' -> TokenType.LBRACK;
            case ']' -> TokenType.RBRACK;
            case '(' -> TokenType.LPAREN;
            case ')' -> TokenType.RPAREN;
            case ',' -> TokenType.COMMA;
            case '?' -> TokenType.QUESTION;
            case '+' -> TokenType.PLUS;
            case '-' -> TokenType.MINUS;
            case '*' -> TokenType.STAR;
            case '/' -> TokenType.SLASH;
            case '%' -> TokenType.PERCENT;
            case '.' -> follows("..") ? TokenType.ELLIPSIS : TokenType.DOT;
            case ':' -> follows(":") ? TokenType.DOUBLE_COLON : TokenType.COLON;
            case '=' -> follows("=") ? TokenType.EQEQ : follows(">") ? TokenType.ARROW : TokenType.EQUAL;
            case '!' -> follows("=") ? TokenType.NOTEQ : TokenType.BANG;
            case '>' -> follows("=") ? TokenType.GE : TokenType.GT;
            case '&' -> {
                if (!follows("&")) {
                    throw new HclSyntaxException(startLine, startColumn, "'&' must be '&&'");
                }
                yield TokenType.AND;
            }
            case '|' -> {
                if (!follows("|")) {
                    throw new HclSyntaxException(startLine, startColumn, "'|' must be '||'");
                }
                yield TokenType.OR;
            }
            case '~' -> {
                if (!follows("}")) {
                    throw new HclSyntaxException(startLine, startColumn, "'~' is only a template strip marker");
                }
                yield TokenType.STRIP_RBRACE;
            }
            case '<' -> {
                if (peekChar(0) == '<') {
                    yield heredocStart(startLine, startColumn);
                }
                yield follows("=") ? TokenType.LE : TokenType.LT;
            }
            default -> throw new HclSyntaxException(startLine, startColumn,
                    "unexpected character " + describe(c));
        };
        return token(type, start, startLine, startColumn);
    }

    private static String describe(char c) {
        return c < 32 || c > 126 ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    private Token token(TokenType type, int start, int startLine, int startColumn) {
        return new Token(type, text.substring(start, pos), start, pos, startLine, startColumn);
    }

    private boolean follows(String s) {
        if (text.startsWith(s, pos)) {
            for (int i = 0; i < s.length(); i++) {
                advance();
            }
            return true;
        }
        return false;
    }

    /** {@code <<EOT} or {@code <<-EOT}, up to and including the newline that must follow the marker. */
    private TokenType heredocStart(int startLine, int startColumn) {
        advance();
        if (peekChar(0) == '-') {
            advance();
        }
        int markerStart = pos;
        while (!atEnd() && isIdentPart(text.charAt(pos))) {
            advance();
        }
        if (pos == markerStart || !isIdentStart(text.charAt(markerStart))) {
            throw new HclSyntaxException(startLine, startColumn, "heredoc needs a marker name after '<<'");
        }
        if (peekChar(0) == '\r') {
            advance();
        }
        if (peekChar(0) != '\n') {
            throw new HclSyntaxException(line, column, "heredoc marker must end its line");
        }
        advance();
        return TokenType.HEREDOC;
    }

    private Token number(int start, int startLine, int startColumn) {
        digits();
        if (peekChar(0) == '.' && isDigit(peekChar(1))) {
            advance();
            digits();
        }
        if ((peekChar(0) == 'e' || peekChar(0) == 'E')
                && (isDigit(peekChar(1)) || (peekChar(1) == '+' || peekChar(1) == '-') && isDigit(peekChar(2)))) {
            advance();
            if (peekChar(0) == '+' || peekChar(0) == '-') {
                advance();
            }
            digits();
        }
        return token(TokenType.NUMBER, start, startLine, startColumn);
    }

    private void digits() {
        while (isDigit(peekChar(0))) {
            advance();
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentStart(int c) {
        return c == '_' || c >= 0 && Character.isLetter(c);
    }

    static boolean isIdentPart(int c) {
        return c == '_' || c == '-' || c >= 0 && Character.isLetterOrDigit(c);
    }

    private void skipSpaceAndComments() {
        while (!atEnd()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\uFEFF') {
                advance();
            } else if (c == '#' || c == '/' && peekChar(1) == '/') {
                int start = pos;
                int startLine = line;
                while (!atEnd() && text.charAt(pos) != '\n') {
                    advance();
                }
                comments.add(new Comment(startLine, text.substring(start, pos)));
            } else if (c == '/' && peekChar(1) == '*') {
                int start = pos;
                int startLine = line;
                int startColumn = column;
                advance();
                advance();
                while (!atEnd() && !(text.charAt(pos) == '*' && peekChar(1) == '/')) {
                    advance();
                }
                if (atEnd()) {
                    throw new HclSyntaxException(startLine, startColumn, "unterminated /* comment");
                }
                advance();
                advance();
                comments.add(new Comment(startLine, text.substring(start, pos)));
            } else {
                return;
            }
        }
    }
}
