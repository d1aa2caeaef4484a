package dev.cloudwarden.engine.ingest.syslog;

import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;
import dev.cloudwarden.engine.ingest.time.Timestamps;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * A syslog line as files hold it: rsyslog's traditional format and {@code journalctl -o short}
 * ({@code Mar 16 08:12:04 host sshd[1234]: text}), and the RFC 3339 forms of rsyslog's high-precision
 * template and {@code journalctl -o short-iso} ({@code 2024-03-16T08:12:04.123456+00:00 host ...}).
 * The tag is optional ({@code -- MARK --} lines have none); so is the pid.
 *
 * @param time     when it was logged
 * @param timeText the timestamp as written
 * @param host     the host that logged it
 * @param program  the tag's program name, or null when the line has no tag
 * @param pid      the tag's process id, or null
 * @param message  everything after the tag (or after the host when there is no tag)
 */
public record SyslogLine(Instant time, String timeText, String host, String program, Long pid, String message) {

    /** True for {@code journalctl}'s own lines ({@code -- Logs begin at ... --}, {@code -- Reboot --}). */
    public static boolean isJournalMarker(String line) {
        return line.startsWith("-- ") && line.trim().endsWith("--") || line.startsWith("-- No entries --");
    }

    /** The line parsed, or null when it does not start like a syslog line (no exception: used for detection). */
    public static SyslogLine tryParse(String line, Instant reference) {
        try {
            return looksLike(line) ? parse(line, reference) : null;
        } catch (RecordRejectedException e) {
            return null;
        }
    }

    /** A cheap shape test: a BSD or RFC 3339 timestamp, then a host name. */
    public static boolean looksLike(String line) {
        return SyslogTime.startsWithTimestamp(line) || startsWithIso(line);
    }

    public static SyslogLine parse(String line, Instant reference) throws RecordRejectedException {
        String timeText;
        Instant time;
        int pos;
        if (SyslogTime.startsWithTimestamp(line)) {
            timeText = line.substring(0, SyslogTime.LENGTH);
            time = SyslogTime.parse(timeText, reference);
            pos = SyslogTime.LENGTH + 1;
        } else if (startsWithIso(line)) {
            int space = line.indexOf(' ');
            timeText = line.substring(0, space);
            try {
                time = Timestamps.parseIso(timeText);
            } catch (DateTimeException e) {
                throw new RecordRejectedException("timestamp '" + timeText + "' is not an RFC 3339 time");
            }
            pos = space + 1;
        } else {
            int space = line.indexOf(' ', SyslogTime.LENGTH);
            String start = line.substring(0, space < 0 ? Math.min(line.length(), SyslogTime.LENGTH) : space);
            throw new RecordRejectedException("timestamp '" + start + "' is not a syslog time (expected e.g. "
                    + "'Mar 16 08:12:04' or '2024-03-16T08:12:04+00:00')");
        }
        int hostEnd = line.indexOf(' ', pos);
        if (hostEnd <= pos) {
            throw new RecordRejectedException("no host name and message after the timestamp '" + timeText + "'");
        }
        String host = line.substring(pos, hostEnd);
        String rest = line.substring(hostEnd + 1);
        int tagEnd = tagEnd(rest);
        if (tagEnd < 0) {
            return new SyslogLine(time, timeText, host, null, null, rest);
        }
        String tag = rest.substring(0, tagEnd);
        String message = rest.length() > tagEnd + 1 ? rest.substring(tagEnd + 1).stripLeading() : "";
        int bracket = tag.indexOf('[');
        if (bracket > 0 && tag.endsWith("]")) {
            String pidText = tag.substring(bracket + 1, tag.length() - 1);
            Long pid = pidText.chars().allMatch(Character::isDigit) && !pidText.isEmpty() && pidText.length() < 19
                    ? Long.valueOf(pidText) : null;
            return new SyslogLine(time, timeText, host, tag.substring(0, bracket), pid, message);
        }
        return new SyslogLine(time, timeText, host, tag, null, message);
    }

    /** Index of the ':' closing a tag ({@code prog[pid]:} or {@code prog:}) at the start of {@code rest}, or -1. */
    private static int tagEnd(String rest) {
        for (int i = 0; i < rest.length() && i < 64; i++) {
            char c = rest.charAt(i);
            if (c == ':') {
                boolean endsToken = i + 1 == rest.length() || rest.charAt(i + 1) == ' ';
                return i > 0 && endsToken ? i : -1;
            }
            if (c == ' ') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean startsWithIso(String line) {
        // The 'T' is required: "2019-06-05 12:34:56 ..." belongs to Exim and log4j, not syslog.
        return line.length() > 20 && line.charAt(4) == '-' && line.charAt(7) == '-' && line.charAt(10) == 'T'
                && Character.isDigit(line.charAt(0)) && line.indexOf(' ') > 19;
    }
}
