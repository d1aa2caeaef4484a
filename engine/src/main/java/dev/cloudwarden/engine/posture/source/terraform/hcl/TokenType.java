package dev.cloudwarden.engine.posture.source.terraform.hcl;

/** The tokens of HCL native syntax outside templates (templates are scanned character by character). */
enum TokenType {
    IDENT, NUMBER, OQUOTE, HEREDOC,
    LBRACE, RBRACE, STRIP_RBRACE, LBRACK, RBRACK, LPAREN, RPAREN,
    COMMA, DOT, ELLIPSIS, EQUAL, COLON, DOUBLE_COLON, QUESTION, ARROW,
    PLUS, MINUS, STAR, SLASH, PERCENT, EQEQ, NOTEQ, LT, LE, GT, GE, AND, OR, BANG,
    NEWLINE, EOF
}
