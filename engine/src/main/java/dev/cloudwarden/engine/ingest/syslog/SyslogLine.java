package dev.cloudwarden.engine.ingest.syslog;

import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;
import dev.cloudwarden.engine.ingest.time.Timestamps;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * A syslog line as files hold it: rsyslog's traditional format and {@code journalctl -o short}
 * ({@code Mar 16 08:12:04 host sshd[1234]: text}, the day padded or not: {@code Mar  6} or {@code Mar 6}), the
 * RFC 3339 forms of rsyslog's high-precision template and {@code journalctl -o short-iso}
 * ({@code 2024-03-16T08:12:04.123456+00:00 host ...}), and RFC 5424
 * ({@code <34>1 2024-03-16T08:12:04.123Z host sshd 1234 - - text}, with or without the {@code <PRI>}).
 * A {@code <PRI>} before the other forms, as they travel on the network, is skipped too.
 * The tag is optional ({@code -- MARK --} lines have none); so is the pid.
 *
 * @param time     when it was logged
 * @param timeText the timestamp as written
 * @param host     the host that logged it, or null when RFC 5424 gives none ({@code -})
 * @param program  the tag's program name (RFC 5424's APP-NAME), or null when the line has none
 * @param pid      the tag's process id (RFC 5424's PROCID when it is a number), or null
 * @param message  everything after the tag (or after the host when there is no tag)
 */
public record SyslogLine(Instant time, String timeText, String host, String program, Long pid, String message) {
    private static final String NIL = "-";

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

    /** A cheap shape test: a BSD or RFC 3339 timestamp (after an RFC 5424 header, if any), then a host name. */
    public static boolean looksLike(String line) {
        int from = headerEnd(line);
        String rest = from == 0 ? line : line.substring(from);
        return SyslogTime.startsWithTimestamp(rest) || startsWithIso(rest);
    }

    public static SyslogLine parse(String line, Instant reference) throws RecordRejectedException {
        int pri = priEnd(line);
        boolean rfc5424 = isVersion(line, pri);
        int start = rfc5424 ? pri + 2 : pri;
        String timeText;
        Instant time;
        int pos;
        int bsd = SyslogTime.timestampLength(rfc5424 || pri > 0 ? line.substring(start) : line);
        if (bsd > 0 && !rfc5424) {
            timeText = line.substring(start, start + bsd);
            time = SyslogTime.parse(timeText, reference);
            pos = start + bsd + 1;
        } else if (startsWithIso(line, start)) {
            int space = line.indexOf(' ', start);
            timeText = line.substring(start, space);
            try {
                time = Timestamps.parseIso(timeText);
            } catch (DateTimeException e) {
                throw new RecordRejectedException("timestamp '" + timeText + "' is not an RFC 3339 time");
            }
            pos = space + 1;
        } else {
            int space = line.indexOf(' ', start + SyslogTime.LENGTH);
            String text = line.substring(start, space < 0 ? Math.min(line.length(), start + SyslogTime.LENGTH) : space);
            throw new RecordRejectedException("timestamp '" + text + "' is not a syslog time (expected e.g. "
                    + "'Mar 16 08:12:04' or '2024-03-16T08:12:04+00:00')");
        }
        int hostEnd = line.indexOf(' ', pos);
        if (hostEnd <= pos) {
            throw new RecordRejectedException("no host name and message after the timestamp '" + timeText + "'");
        }
        String host = line.substring(pos, hostEnd);
        if (rfc5424) {
            return rfc5424(line, hostEnd + 1, time, timeText, host);
        }
        String rest = line.substring(hostEnd + 1);
        int tagEnd = tagEnd(rest);
        if (tagEnd < 0) {
            return new SyslogLine(time, timeText, host, null, null, rest);
        }
        String tag = rest.substring(0, tagEnd);
        String message = rest.length() > tagEnd + 1 ? rest.substring(tagEnd + 1).stripLeading() : "";
        int bracket = tag.indexOf('[');
        if (bracket > 0 && tag.endsWith("]")) {
            return new SyslogLine(time, timeText, host, tag.substring(0, bracket),
                    pid(tag.substring(bracket + 1, tag.length() - 1)), message);
        }
        return new SyslogLine(time, timeText, host, tag, null, message);
    }

    /** RFC 5424 after the host: {@code APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]}, {@code -} for none. */
    private static SyslogLine rfc5424(String line, int pos, Instant time, String timeText, String host)
            throws RecordRejectedException {
        int appEnd = line.indexOf(' ', pos);
        int procEnd = appEnd < 0 ? -1 : line.indexOf(' ', appEnd + 1);
        int msgIdEnd = procEnd < 0 ? -1 : line.indexOf(' ', procEnd + 1);
        if (msgIdEnd < 0) {
            throw new RecordRejectedException("RFC 5424 header ends before its APP-NAME, PROCID, MSGID and "
                    + "STRUCTURED-DATA (use '-' for each that is absent)");
        }
        String app = line.substring(pos, appEnd);
        String procId = line.substring(appEnd + 1, procEnd);
        int sdEnd = structuredDataEnd(line, msgIdEnd + 1);
        String message = sdEnd + 1 < line.length() ? line.substring(sdEnd + 1) : "";
        if (message.startsWith("\uFEFF")) {
            message = message.substring(1); // RFC 5424's BOM before a UTF-8 MSG
        }
        return new SyslogLine(time, timeText, NIL.equals(host) ? null : host, NIL.equals(app) ? null : app,
                pid(procId), message);
    }

    /** The index just past the STRUCTURED-DATA that starts at {@code from}: {@code -} or {@code [id k="v"]...}. */
    private static int structuredDataEnd(String line, int from) throws RecordRejectedException {
        if (line.startsWith(NIL, from)) {
            return from + 1;
        }
        int i = from;
        while (i < line.length() && line.charAt(i) == '[') {
            boolean quoted = false;
            for (i++; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\\' && quoted) {
                    i++; // \" \\ \] inside a value
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ']' && !quoted) {
                    break;
                }
            }
            if (i >= line.length()) {
                throw new RecordRejectedException("RFC 5424 STRUCTURED-DATA is not closed with ']'");
            }
            i++;
        }
        if (i == from) {
            throw new RecordRejectedException("RFC 5424 STRUCTURED-DATA must be '-' or start with '['");
        }
        return i;
    }

    private static Long pid(String text) {
        if (text.isEmpty() || text.length() >= 19) {
            return null;
        }
        long pid = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            pid = pid * 10 + (c - '0');
        }
        return pid;
    }

    /** The index past a leading {@code <PRI>} (one to three digits in angle brackets), or 0 when there is none. */
    private static int priEnd(String line) {
        if (line.isEmpty() || line.charAt(0) != '<') {
            return 0;
        }
        for (int i = 1; i < line.length() && i <= 4; i++) {
            char c = line.charAt(i);
            if (c == '>') {
                return i > 1 ? i + 1 : 0;
            }
            if (c < '0' || c > '9') {
                return 0;
            }
        }
        return 0;
    }

    /** True when RFC 5424's VERSION ({@code 1}) and a space stand at {@code at}, before a timestamp's digit. */
    private static boolean isVersion(String line, int at) {
        return line.length() > at + 3 && line.charAt(at) == '1' && line.charAt(at + 1) == ' '
                && Character.isDigit(line.charAt(at + 2));
    }

    /** Where the timestamp starts: past a {@code <PRI>} and an RFC 5424 version, when there are. */
    private static int headerEnd(String line) {
        int pri = priEnd(line);
        return isVersion(line, pri) ? pri + 2 : pri;
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
        return startsWithIso(line, 0);
    }

    private static boolean startsWithIso(String line, int at) {
        // The 'T' is required: "2019-06-05 12:34:56 ..." belongs to Exim and log4j, not syslog.
        return line.length() > at + 20 && line.charAt(at + 4) == '-' && line.charAt(at + 7) == '-'
                && line.charAt(at + 10) == 'T' && Character.isDigit(line.charAt(at)) && line.indexOf(' ', at) > at + 19;
    }
}
