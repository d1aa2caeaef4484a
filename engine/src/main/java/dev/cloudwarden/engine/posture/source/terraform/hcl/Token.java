package dev.cloudwarden.engine.posture.source.terraform.hcl;

/** One token: its kind, its text, its offsets in the source and its 1-based file line and column. */
record Token(TokenType type, String text, int start, int end, int line, int column) {
    boolean is(TokenType t) {
        return type == t;
    }

    boolean isKeyword(String word) {
        return type == TokenType.IDENT && text.equals(word);
    }
}
