package dev.cloudwarden.engine.event;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()} without its cost: every event's time goes through here on output, and the JDK's
 * general formatter builds a LocalDateTime, a StringBuilder and a printer chain for each. The result is the same
 * text: {@code 2026-11-01T00:00:00Z}, with a fraction of 3, 6 or 9 digits only when there is one.
 */
final class IsoInstant {
    /** Room for any instant's text: {@code Instant.MAX} takes 37 characters. */
    static final int MAX_CHARS = 40;
    private static final long MIN_SECOND = LocalDate.of(1, 1, 1).toEpochDay() * 86_400;
    private static final long MAX_SECOND = LocalDate.of(9999, 12, 31).toEpochDay() * 86_400 + 86_399;

    private IsoInstant() {
    }

    /** Writes the text into {@code out} (of at least {@link #MAX_CHARS}) and returns its length. */
    static int format(Instant t, char[] out) {
        long second = t.getEpochSecond();
        if (second < MIN_SECOND || second > MAX_SECOND) { // years of other widths or signs: the JDK's rules
            String s = t.toString();
            s.getChars(0, s.length(), out, 0);
            return s.length();
        }
        long day = Math.floorDiv(second, 86_400);
        int secondOfDay = (int) Math.floorMod(second, 86_400);
        LocalDate date = LocalDate.ofEpochDay(day);
        int n = digits(out, 0, date.getYear(), 4);
        out[n++] = '-';
        n = digits(out, n, date.getMonthValue(), 2);
        out[n++] = '-';
        n = digits(out, n, date.getDayOfMonth(), 2);
        out[n++] = 'T';
        n = digits(out, n, secondOfDay / 3600, 2);
        out[n++] = ':';
        n = digits(out, n, secondOfDay / 60 % 60, 2);
        out[n++] = ':';
        n = digits(out, n, secondOfDay % 60, 2);
        int nano = t.getNano();
        if (nano != 0) {
            out[n++] = '.';
            if (nano % 1_000_000 == 0) {
                n = digits(out, n, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                n = digits(out, n, nano / 1000, 6);
            } else {
                n = digits(out, n, nano, 9);
            }
        }
        out[n++] = 'Z';
        return n;
    }

    /** {@code value} in exactly {@code width} decimal digits, zero-padded. */
    private static int digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
