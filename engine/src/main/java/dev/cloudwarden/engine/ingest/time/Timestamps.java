package dev.cloudwarden.engine.ingest.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Parses the timestamps cloud logs write. The common shape, {@code 2024-07-30T21:31:21Z} with optional
 * fraction and offset (CloudTrail, Kubernetes, GCP, Azure), is decoded by hand because
 * {@link DateTimeFormatter} costs more than the rest of a CloudTrail record's normalization; anything
 * else falls back to a lenient formatter. A space may stand for the 'T' and a missing offset means UTC.
 * {@link #parseLenient} also takes epoch numbers and RFC 1123, for fields whose writer is not known.
 */
public final class Timestamps {
    private static final DateTimeFormatter FALLBACK = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendLiteral(',').appendValue(ChronoField.MILLI_OF_SECOND, 3).optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendLiteral(" UTC").optionalEnd()
            .toFormatter()
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private Timestamps() {
    }

    /**
     * Parses an ISO-8601-like timestamp.
     *
     * @throws DateTimeException with the offending text when it is not a timestamp
     */
    public static Instant parseIso(String text) {
        if (text == null) {
            throw new DateTimeException("missing timestamp");
        }
        Instant fast = fastPath(text);
        if (fast != null) {
            return fast;
        }
        try {
            var parsed = FALLBACK.parseBest(text.trim(), OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime odt ? odt.toInstant() : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new DateTimeException("not a timestamp: '" + abbreviate(text) + "'");
        }
    }

    /**
     * Any timestamp a log or its shipper writes, or null: ISO 8601 with or without a zone (none means UTC), a space
     * for the 'T', epoch seconds, milliseconds, microseconds or nanoseconds (digits, with an optional fraction of
     * seconds), and RFC 1123 ({@code Tue, 3 Jun 2008 11:05:30 GMT}). For time fields that are a fallback, where text
     * that is not a time just means "look further".
     */
    public static Instant parseLenient(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Instant fast = fastPath(text);
        if (fast != null) {
            return fast;
        }
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            if (isEpoch(t)) {
                return parseEpoch(t);
            }
            char c = t.charAt(0);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
                return DateTimeFormatter.RFC_1123_DATE_TIME.parse(t, Instant::from);
            }
            return parseIso(t);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Digits with at most one '.', as epoch times are written (and as JSON numbers arrive as text). */
    private static boolean isEpoch(String t) {
        boolean dot = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '.' && !dot && i > 0) {
                dot = true;
            } else if (!isDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /** Epoch seconds, milliseconds, microseconds or nanoseconds, told apart by magnitude. */
    public static Instant parseEpoch(String text) {
        try {
            if (text.indexOf('.') >= 0) {
                double seconds = Double.parseDouble(text);
                long whole = (long) Math.floor(seconds);
                return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
            }
            long v = Long.parseLong(text);
            if (v > 100_000_000_000_000_000L) {
                return Instant.ofEpochSecond(v / 1_000_000_000, v % 1_000_000_000);
            }
            if (v > 100_000_000_000_000L) {
                return Instant.ofEpochSecond(v / 1_000_000, (v % 1_000_000) * 1000);
            }
            if (v > 100_000_000_000L) {
                return Instant.ofEpochMilli(v);
            }
            return Instant.ofEpochSecond(v);
        } catch (NumberFormatException e) {
            throw new DateTimeException("not an epoch time: '" + abbreviate(text) + "'");
        }
    }

    private static Instant fastPath(String s) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                if (i - start < 9) {
                    nanos = nanos * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            if (i == start) {
                return null;
            }
            for (int k = Math.min(i - start, 9); k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = 0;
        if (i < n) {
            char c = s.charAt(i);
            if ((c == 'Z' || c == 'z') && i == n - 1) {
                offsetSeconds = 0;
            } else if ((c == '+' || c == '-') && (n - i == 6 && s.charAt(i + 3) == ':' || n - i == 5 || n - i == 3)) {
                int oh = digits(s, i + 1, 2);
                int om = n - i == 3 ? 0 : digits(s, n - 2, 2);
                if ((oh | om) < 0) {
                    return null;
                }
                offsetSeconds = (c == '-' ? -1 : 1) * (oh * 3600 + om * 60);
            } else {
                return null;
            }
        }
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
            return null;
        }
        if (day > 28 && day > daysInMonth(year, month)) {
            return null; // 31 February and friends: let the fallback produce the error message
        }
        long epochSecond = epochDay(year, month, day) * 86_400 + hour * 3600L + minute * 60L
                + Math.min(second, 59) - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse, H. Hinnant's form). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
