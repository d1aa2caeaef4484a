package dev.cloudwarden.engine.ingest.json;

import dev.cloudwarden.engine.ingest.read.Utf8;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A validating, on-demand JSON scanner over one record's bytes. It checks the whole record against the
 * JSON grammar (RFC 8259: structure, string escapes, control characters, UTF-8, numbers, literals, nesting
 * depth) but decodes only the values at the paths it was asked for; everything else is skipped at byte
 * speed, field names included, which is what a tokenizer like Jackson cannot do (it canonicalizes every
 * name it meets). A record it accepts is one Jackson accepts too, so the lazy raw tree never fails later.
 *
 * <p>Instances are single-use and not thread-safe; {@link JsonFieldExtractor} makes one per record.
 */
final class JsonScanner {
    /** Jackson's default limits, kept equal so that whatever passes here also builds a tree there. */
    static final int MAX_NUMBER_LENGTH = 1000;
    static final int MAX_NAME_LENGTH = 50_000;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;

    private final byte[] b;
    private final int start;
    private final int end;
    private final int maxDepth;
    private final ExtractedFields out;
    private int pos;

    JsonScanner(byte[] b, int start, int end, int maxDepth, ExtractedFields out) {
        this.b = b;
        this.start = start;
        this.end = end;
        this.maxDepth = maxDepth;
        this.out = out;
        this.pos = start;
    }

    /** Scans one object and nothing but whitespace after it. */
    void scanRecord(JsonFieldExtractor.Node root) throws JsonScanException {
        if (end - pos >= 3 && (b[pos] & 0xFF) == 0xEF && (b[pos + 1] & 0xFF) == 0xBB && (b[pos + 2] & 0xFF) == 0xBF) {
            pos += 3; // a UTF-8 byte order mark, as Windows tools write at the start of a file
        }
        skipWhitespace();
        if (pos >= end) {
            throw error("empty input");
        }
        if (b[pos] != '{') {
            throw new JsonScanException(JsonScanException.Kind.NOT_AN_OBJECT, "expected a JSON object, found "
                    + describe(pos), column(pos));
        }
        object(root, 1);
        skipWhitespace();
        if (pos < end) {
            throw error("unexpected content after the JSON object");
        }
    }

    private void value(JsonFieldExtractor.Node node, int depth) throws JsonScanException {
        if (pos >= end) {
            throw error("unexpected end of input, expected a value");
        }
        byte c = b[pos];
        switch (c) {
            case '{' -> {
                if (node != null && node.slot >= 0) {
                    out.addComplex(node.slot);
                    for (int extra : node.extraSlots) {
                        out.addComplex(extra);
                    }
                }
                object(node, depth + 1);
            }
            case '[' -> array(node, depth + 1);
            case '"' -> {
                if (node != null && node.slot >= 0) {
                    capture(node, string(), ExtractedFields.Kind.STRING);
                } else {
                    skipString();
                }
            }
            case 't' -> literal("true", node);
            case 'f' -> literal("false", node);
            case 'n' -> {
                literal("null", null);
                if (node != null && node.slot >= 0) {
                    out.addNull(node.slot);
                    for (int extra : node.extraSlots) {
                        out.addNull(extra);
                    }
                }
            }
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number(node);
                } else {
                    throw error("unexpected " + describe(pos) + ", expected a value");
                }
            }
        }
    }

    private void object(JsonFieldExtractor.Node node, int depth) throws JsonScanException {
        checkDepth(depth);
        pos++; // '{'
        skipWhitespace();
        if (pos < end && b[pos] == '}') {
            pos++;
            return;
        }
        while (true) {
            if (pos >= end || b[pos] != '"') {
                throw error(pos >= end ? "unexpected end of input inside an object" : "expected a field name, found " + describe(pos));
            }
            JsonFieldExtractor.Node child = null;
            if (node == null || node.isLeaf()) {
                skipString(); // nothing wanted below here: don't even compare names
            } else {
                child = fieldNode(node);
            }
            skipWhitespace();
            if (pos >= end || b[pos] != ':') {
                throw error("expected ':' after a field name, found " + describe(pos));
            }
            pos++;
            skipWhitespace();
            value(child, depth);
            skipWhitespace();
            if (pos >= end) {
                throw error("unexpected end of input inside an object");
            }
            byte c = b[pos++];
            if (c == '}') {
                return;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' in an object, found " + describe(pos));
            }
            skipWhitespace();
        }
    }

    /** Reads a field name (pos at its opening quote) and returns the trie child it names, or null. */
    private JsonFieldExtractor.Node fieldNode(JsonFieldExtractor.Node node) throws JsonScanException {
        int nameStart = pos + 1;
        int close = findStringEnd(nameStart);
        if (close < 0) {
            // Escapes in the name (rare): decode it and look it up by its UTF-8 bytes.
            byte[] name = string().getBytes(StandardCharsets.UTF_8);
            checkNameLength(name.length);
            return node.child(name, 0, name.length);
        }
        checkNameLength(close - nameStart);
        pos = close + 1;
        return node.child(b, nameStart, close - nameStart);
    }

    private void checkNameLength(int length) throws JsonScanException {
        if (length > MAX_NAME_LENGTH) {
            throw error("field name longer than " + MAX_NAME_LENGTH + " bytes");
        }
    }

    private void array(JsonFieldExtractor.Node node, int depth) throws JsonScanException {
        checkDepth(depth);
        pos++; // '['
        skipWhitespace();
        if (pos < end && b[pos] == ']') {
            pos++;
            return;
        }
        while (true) {
            value(node, depth); // a path crossing an array applies to every element
            skipWhitespace();
            if (pos >= end) {
                throw error("unexpected end of input inside an array");
            }
            byte c = b[pos++];
            if (c == ']') {
                return;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in an array, found " + describe(pos));
            }
            skipWhitespace();
        }
    }

    private void capture(JsonFieldExtractor.Node node, String value, ExtractedFields.Kind kind) {
        out.add(node.slot, value, kind);
        for (int extra : node.extraSlots) {
            out.add(extra, value, kind);
        }
    }

    private void checkDepth(int depth) throws JsonScanException {
        if (depth > maxDepth) {
            throw new JsonScanException(JsonScanException.Kind.TOO_DEEP,
                    "JSON nested deeper than the limit (" + maxDepth + " levels)", column(pos));
        }
    }

    /**
     * Scans a string's content from {@code from} (just after its opening quote, or mid-way) to its closing
     * quote or first backslash, validating characters on the way. Returns the quote's index, or
     * {@code ~index} (negative) of the backslash. Invalid content throws.
     */
    private int findStringEnd(int from) throws JsonScanException {
        int i = from;
        while (true) {
            // Eight bytes at a time while they hold no quote, backslash, control character or non-ASCII byte.
            while (i + 8 <= end) {
                long w = (long) LONGS.get(b, i);
                long q = w ^ QUOTES;
                long s = w ^ BACKSLASHES;
                long special = (((q - ONES) & ~q) | ((s - ONES) & ~s) | ((w - SPACES) & ~w) | w) & HIGHS;
                if (special != 0) {
                    // The lowest flagged byte is exact (false positives only ever sit above a true one).
                    i += Long.numberOfTrailingZeros(special) >>> 3;
                    break;
                }
                i += 8;
            }
            if (i >= end) {
                throw error("unterminated string", from - 1);
            }
            int c = b[i] & 0xFF;
            if (c == '"') {
                return i;
            }
            if (c == '\\') {
                return ~i;
            }
            if (c < 0x20) {
                throw error("control character (code " + c + ") inside a string; it must be escaped", i);
            }
            if (c >= 0x80) {
                i = checkUtf8(i);
            } else {
                i++;
            }
        }
    }

    /** Skips a string (pos at its opening quote), validating escapes; leaves pos after the closing quote. */
    private void skipString() throws JsonScanException {
        int i = pos + 1;
        while (true) {
            int close = findStringEnd(i);
            if (close >= 0) {
                pos = close + 1;
                return;
            }
            i = escapeEnd(~close); // at a backslash: validate the escape and go on
        }
    }

    /** Validates the escape at {@code i} (a backslash) and returns the index after it. */
    private int escapeEnd(int i) throws JsonScanException {
        if (i + 1 >= end) {
            throw error("unterminated string", i);
        }
        switch (b[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 2;
            }
            case 'u' -> {
                hex4(i + 2);
                return i + 6;
            }
            default -> throw error("invalid escape '\\" + (char) (b[i + 1] & 0xFF) + "' in a string", i);
        }
    }

    private int hex4(int at) throws JsonScanException {
        if (at + 4 > end) {
            throw error("unterminated \\u escape", at - 2);
        }
        int v = 0;
        for (int k = at; k < at + 4; k++) {
            int d = Character.digit(b[k], 16);
            if (d < 0 || b[k] < 0) {
                throw error("invalid \\u escape: expected 4 hex digits", at - 2);
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** Decodes the string at pos (its opening quote), leaving pos after the closing quote. */
    private String string() throws JsonScanException {
        int from = pos + 1;
        int close = findStringEnd(from);
        if (close >= 0) {
            pos = close + 1;
            return new String(b, from, close - from, StandardCharsets.UTF_8);
        }
        // Escaped: decode piecewise. The first run (up to the backslash) is already validated.
        StringBuilder sb = new StringBuilder(32);
        int i = from;
        while (true) {
            if (i >= end) {
                throw error("unterminated string", from - 1);
            }
            int c = b[i] & 0xFF;
            if (c == '"') {
                pos = i + 1;
                return sb.toString();
            }
            if (c == '\\') {
                int next = escapeEnd(i);
                char e = (char) b[i + 1];
                switch (e) {
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> sb.append((char) hex4(i + 2)); // surrogate pairs arrive as two escapes
                    default -> sb.append(e);
                }
                i = next;
                continue;
            }
            int run = findStringEnd(i);
            int stop = run >= 0 ? run : ~run;
            sb.append(new String(b, i, stop - i, StandardCharsets.UTF_8));
            i = stop;
        }
    }

    private void literal(String word, JsonFieldExtractor.Node node) throws JsonScanException {
        int n = word.length();
        if (pos + n > end) {
            throw error("unexpected end of input, expected '" + word + "'");
        }
        for (int k = 0; k < n; k++) {
            if (b[pos + k] != word.charAt(k)) {
                throw error("unrecognized token, expected '" + word + "'");
            }
        }
        pos += n;
        if (pos < end && isIdentifierPart(b[pos])) {
            throw error("unrecognized token after '" + word + "'");
        }
        if (node != null && node.slot >= 0) {
            capture(node, word, ExtractedFields.Kind.BOOLEAN);
        }
    }

    private void number(JsonFieldExtractor.Node node) throws JsonScanException {
        int from = pos;
        if (b[pos] == '-') {
            pos++;
        }
        if (pos >= end || !isDigit(b[pos])) {
            throw error("invalid number: expected a digit", from);
        }
        if (b[pos] == '0') {
            pos++;
            if (pos < end && isDigit(b[pos])) {
                throw error("invalid number: leading zeroes are not allowed", from);
            }
        } else {
            digits();
        }
        if (pos < end && b[pos] == '.') {
            pos++;
            if (pos >= end || !isDigit(b[pos])) {
                throw error("invalid number: expected a digit after the decimal point", from);
            }
            digits();
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            if (pos >= end || !isDigit(b[pos])) {
                throw error("invalid number: expected a digit in the exponent", from);
            }
            digits();
        }
        if (pos < end && isIdentifierPart(b[pos])) {
            throw error("invalid number: unexpected " + describe(pos), from);
        }
        if (pos - from > MAX_NUMBER_LENGTH) {
            throw error("number longer than " + MAX_NUMBER_LENGTH + " characters", from);
        }
        if (node != null && node.slot >= 0) {
            capture(node, new String(b, from, pos - from, StandardCharsets.ISO_8859_1), ExtractedFields.Kind.NUMBER);
        }
    }

    private void digits() {
        while (pos < end && isDigit(b[pos])) {
            pos++;
        }
    }

    /** Validates the UTF-8 sequence starting at {@code i}; returns the index after it. */
    private int checkUtf8(int i) throws JsonScanException {
        int next = Utf8.sequenceEnd(b, i, end);
        if (next < 0) {
            throw error("invalid UTF-8", i);
        }
        return next;
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierPart(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                || c == '.' || c == '+' || c == '-' || c < 0;
    }

    private String describe(int at) {
        if (at >= end) {
            return "end of input";
        }
        int c = b[at] & 0xFF;
        return c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : "byte 0x" + Integer.toHexString(c);
    }

    private int column(int at) {
        return at - start + 1;
    }

    private JsonScanException error(String message) {
        return error(message, pos);
    }

    private JsonScanException error(String message, int at) {
        return new JsonScanException(JsonScanException.Kind.SYNTAX, message, column(at));
    }
}
