package dev.cloudwarden.engine.posture.source.terraform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Terraform's {@code format} verbs: {@code %v %s %d %f %e %t %q %x %X %o %b %%}, with the flags {@code - + 0 space},
 * a width and a precision. A verb it does not know stops the call (the value becomes unknown).
 */
final class Format {
    private static final int MAX_WIDTH = 10_000;

    private Format() {
    }

    static String format(String spec, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < spec.length()) {
            char ch = spec.charAt(i++);
            if (ch != '%') {
                out.append(ch);
                continue;
            }
            if (i >= spec.length()) {
                throw new EvalException("format string ends with '%'");
            }
            if (spec.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            boolean left = false;
            boolean plus = false;
            boolean zero = false;
            boolean space = false;
            while (i < spec.length() && "-+0 #".indexOf(spec.charAt(i)) >= 0) {
                char flag = spec.charAt(i++);
                left |= flag == '-';
                plus |= flag == '+';
                zero |= flag == '0';
                space |= flag == ' ';
            }
            if (i < spec.length() && spec.charAt(i) == '[') {
                int close = spec.indexOf(']', i);
                if (close < 0) {
                    throw new EvalException("unterminated argument index in format string");
                }
                next = parseInt(spec.substring(i + 1, close)) - 1;
                i = close + 1;
            }
            int width = -1;
            int start = i;
            while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
                i++;
            }
            if (i > start) {
                width = parseInt(spec.substring(start, i));
            }
            int precision = -1;
            if (i < spec.length() && spec.charAt(i) == '.') {
                i++;
                start = i;
                while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
                    i++;
                }
                precision = i > start ? parseInt(spec.substring(start, i)) : 0;
            }
            if (i >= spec.length()) {
                throw new EvalException("format verb missing");
            }
            char verb = spec.charAt(i++);
            if (next < 0 || next >= args.size()) {
                throw new EvalException("format string needs more arguments than were given");
            }
            Object arg = Values.known(args.get(next++));
            String text = verb(verb, arg, precision, plus, space);
            out.append(pad(text, width, left, zero && !left && "dfeExXob".indexOf(verb) >= 0));
            if (out.length() > Budget.MAX_STRING) {
                throw new EvalException("result longer than " + Budget.MAX_STRING + " characters");
            }
        }
        return out.toString();
    }

    private static int parseInt(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n > MAX_WIDTH) {
                throw new EvalException("format width or precision too large");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new EvalException("bad number in format string");
        }
    }

    private static String verb(char verb, Object arg, int precision, boolean plus, boolean space) {
        switch (verb) {
            case 'v':
                if (arg instanceof List || arg instanceof java.util.Map) {
                    return JsonValues.encode(arg);
                }
                return arg == null ? "null" : Values.asString(arg);
            case 's': {
                String s = Values.asString(arg);
                return precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
            }
            case 'q':
                return JsonValues.encode(Values.asString(arg));
            case 't':
                return String.valueOf(Values.asBool(arg));
            case 'd':
                return sign(integer(arg).toPlainString(), plus, space);
            case 'f': {
                BigDecimal n = Values.asNumber(arg).setScale(precision < 0 ? 6 : precision, RoundingMode.HALF_EVEN);
                return sign(n.toPlainString(), plus, space);
            }
            case 'e':
            case 'E': {
                String s = String.format(java.util.Locale.ROOT, "%." + (precision < 0 ? 6 : precision) + "e",
                        Values.asNumber(arg).doubleValue());
                return sign(verb == 'E' ? s.toUpperCase(java.util.Locale.ROOT) : s, plus, space);
            }
            case 'x':
                return arg instanceof String s ? hex(s, false) : integer(arg).toBigInteger().toString(16);
            case 'X':
                return arg instanceof String s ? hex(s, true)
                        : integer(arg).toBigInteger().toString(16).toUpperCase(java.util.Locale.ROOT);
            case 'o':
                return integer(arg).toBigInteger().toString(8);
            case 'b':
                return integer(arg).toBigInteger().toString(2);
            default:
                throw new EvalException("unsupported format verb %" + verb);
        }
    }

    private static BigDecimal integer(Object arg) {
        BigDecimal n = Values.asNumber(arg);
        if (!Values.isWhole(n)) {
            throw new EvalException("%d needs a whole number");
        }
        return n.setScale(0, RoundingMode.UNNECESSARY);
    }

    private static String hex(String s, boolean upper) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            out.append(String.format(upper ? "%02X" : "%02x", b & 0xff));
        }
        return out.toString();
    }

    private static String sign(String s, boolean plus, boolean space) {
        if (s.startsWith("-")) {
            return s;
        }
        return plus ? "+" + s : space ? " " + s : s;
    }

    private static String pad(String s, int width, boolean left, boolean zero) {
        int n = s.codePointCount(0, s.length());
        if (width <= n) {
            return s;
        }
        String fill = (zero ? "0" : " ").repeat(width - n);
        if (left) {
            return s + fill;
        }
        if (zero && (s.startsWith("-") || s.startsWith("+"))) {
            return s.charAt(0) + fill + s.substring(1);
        }
        return fill + s;
    }
}
