package dev.cloudwarden.engine.ingest.syslog;

import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The BSD syslog timestamp, {@code Mar 16 08:12:04}. syslog pads a one-digit day with a space ({@code Mar  6});
 * some tools write it unpadded ({@code Mar 6}), one character shorter, and both are read. It has
 * neither year nor zone: the zone is taken as UTC (cloud images log in UTC by default) and the year is the
 * reference time's, or the one before when that would put the line more than a day after the reference
 * (a January scan of a file that still holds December's lines).
 */
public final class SyslogTime {
    /** Length of {@code Mmm dd hh:mm:ss}. */
    public static final int LENGTH = 15;
    /** Length of {@code Mmm d hh:mm:ss}, a one-digit day without its padding. */
    public static final int SHORT_LENGTH = 14;

    private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
            "Sep", "Oct", "Nov", "Dec");
    private static final Duration TOLERANCE = Duration.ofDays(1);

    private SyslogTime() {
    }

    /** True when {@code line} starts with something shaped like a BSD timestamp and a space. */
    public static boolean startsWithTimestamp(String line) {
        return timestampLength(line) > 0;
    }

    /**
     * The length of the BSD timestamp {@code line} starts with ({@link #LENGTH}, or {@link #SHORT_LENGTH} for an
     * unpadded day), followed by a space; 0 when it starts with none. A shape test: the date may still be impossible.
     */
    public static int timestampLength(String line) {
        if (line.length() <= LENGTH || line.charAt(3) != ' ' || !MONTHS.contains(line.substring(0, 3))) {
            return 0;
        }
        int length = line.charAt(5) == ' ' && line.charAt(4) != ' ' ? SHORT_LENGTH : LENGTH;
        int shift = length - LENGTH;
        return line.charAt(9 + shift) == ':' && line.charAt(12 + shift) == ':' && line.charAt(length) == ' ' ? length : 0;
    }

    /**
     * @param text      the 15 characters of the timestamp (14 when the day is unpadded)
     * @param reference the input's reference time, which decides the year
     */
    public static Instant parse(String text, Instant reference) throws RecordRejectedException {
        // pad an unpadded day as syslog does, so both forms read alike
        String t = text.length() == SHORT_LENGTH && text.charAt(3) == ' ' && text.charAt(5) == ' '
                ? text.substring(0, 4) + ' ' + text.substring(4) : text;
        if (t.length() != LENGTH || t.charAt(3) != ' ' || t.charAt(6) != ' ') {
            throw notSyslog(text);
        }
        int month = MONTHS.indexOf(t.substring(0, 3)) + 1;
        int day = number(t, 4, 2);
        int hour = number(t, 7, 2);
        int minute = number(t, 10, 2);
        int second = number(t, 13, 2);
        if (month == 0 || day < 0 || hour < 0 || minute < 0 || second < 0
                || t.charAt(9) != ':' || t.charAt(12) != ':') {
            throw notSyslog(text);
        }
        // the reference's year in UTC, without the ZoneRules that atOffset builds on every call
        int year = LocalDate.ofEpochDay(Math.floorDiv(reference.getEpochSecond(), 86_400L)).getYear();
        Instant candidate = at(text, year, month, day, hour, minute, second);
        if (candidate == null || candidate.isAfter(reference.plus(TOLERANCE))) {
            Instant previous = at(text, year - 1, month, day, hour, minute, second);
            if (previous == null) {
                throw new RecordRejectedException("timestamp '" + text + "' is not a date in " + year + " or " + (year - 1));
            }
            return previous;
        }
        return candidate;
    }

    private static Instant at(String text, int year, int month, int day, int hour, int minute, int second)
            throws RecordRejectedException {
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            if (month == 2 && day == 29) {
                return null; // 29 February: only a leap year fits, so let the caller try the year before
            }
            throw notSyslog(text);
        }
    }

    /** Digits, with a leading space allowed (syslog pads single-digit days with one). */
    private static int number(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c == ' ' && i == from) {
                continue;
            }
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static RecordRejectedException notSyslog(String text) {
        return new RecordRejectedException("timestamp '" + text + "' is not a syslog time (expected e.g. 'Mar 16 08:12:04')");
    }
}
