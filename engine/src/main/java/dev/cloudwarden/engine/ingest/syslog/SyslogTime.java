package dev.cloudwarden.engine.ingest.syslog;

import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The BSD syslog timestamp, {@code Mar 16 08:12:04} (the day may be space-padded: {@code Mar  6}). It has
 * neither year nor zone: the zone is taken as UTC (cloud images log in UTC by default) and the year is the
 * reference time's, or the one before when that would put the line more than a day after the reference
 * (a January scan of a file that still holds December's lines).
 */
public final class SyslogTime {
    /** Length of {@code Mmm dd hh:mm:ss}. */
    public static final int LENGTH = 15;

    private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
            "Sep", "Oct", "Nov", "Dec");
    private static final Duration TOLERANCE = Duration.ofDays(1);

    private SyslogTime() {
    }

    /** True when {@code line} starts with something shaped like a BSD timestamp and a space. */
    public static boolean startsWithTimestamp(String line) {
        return line.length() > LENGTH && line.charAt(3) == ' ' && line.charAt(6) == ' ' && line.charAt(9) == ':'
                && line.charAt(12) == ':' && line.charAt(LENGTH) == ' ' && MONTHS.contains(line.substring(0, 3));
    }

    /**
     * @param text      the 15 characters of the timestamp
     * @param reference the input's reference time, which decides the year
     */
    public static Instant parse(String text, Instant reference) throws RecordRejectedException {
        if (text.length() != LENGTH || text.charAt(3) != ' ' || text.charAt(6) != ' ') {
            throw notSyslog(text);
        }
        int month = MONTHS.indexOf(text.substring(0, 3)) + 1;
        int day = number(text, 4, 2);
        int hour = number(text, 7, 2);
        int minute = number(text, 10, 2);
        int second = number(text, 13, 2);
        if (month == 0 || day < 0 || hour < 0 || minute < 0 || second < 0
                || text.charAt(9) != ':' || text.charAt(12) != ':') {
            throw notSyslog(text);
        }
        int year = reference.atOffset(ZoneOffset.UTC).getYear();
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
