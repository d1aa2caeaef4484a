package dev.cloudwarden.engine.ingest.exim;

import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;
import dev.cloudwarden.engine.ingest.time.Timestamps;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * The prefix of a mainlog line: {@code 2019-06-05 12:34:56}, then what log_selector adds:
 * {@code .123} (+millisec), {@code +0100} (log_timezone) and {@code [1234]} (+pid).
 *
 * @param timeText the time as written, offset included
 * @param pid      the process id, or null
 * @param text     the rest of the line (what Exim logged)
 */
record EximHeader(Instant time, String timeText, Long pid, String text) {

    static boolean startsWithTimestamp(String line) {
        return line.length() > 20 && line.charAt(4) == '-' && line.charAt(7) == '-' && line.charAt(10) == ' '
                && line.charAt(13) == ':' && line.charAt(16) == ':' && Character.isDigit(line.charAt(0))
                && Character.isDigit(line.charAt(18)) && (line.charAt(19) == ' ' || line.charAt(19) == '.');
    }

    static EximHeader parse(String line) throws RecordRejectedException {
        if (!startsWithTimestamp(line)) {
            String start = line.length() > 19 ? line.substring(0, 19) : line;
            throw new RecordRejectedException("timestamp '" + start + "' is not an Exim time (expected e.g. "
                    + "'2019-06-05 12:34:56')");
        }
        int i = 19;
        if (line.charAt(i) == '.') {
            i++;
            while (i < line.length() && Character.isDigit(line.charAt(i))) {
                i++;
            }
        }
        String time = line.substring(0, i);
        String offset = "";
        if (line.length() > i + 6 && line.charAt(i) == ' ' && (line.charAt(i + 1) == '+' || line.charAt(i + 1) == '-')
                && line.substring(i + 2, i + 6).chars().allMatch(Character::isDigit)) {
            offset = line.substring(i + 1, i + 6);
            i += 6;
        }
        Long pid = null;
        if (line.startsWith(" [", i)) {
            int end = line.indexOf(']', i);
            String digits = end < 0 ? "" : line.substring(i + 2, end);
            if (!digits.isEmpty() && digits.length() < 19 && digits.chars().allMatch(Character::isDigit)) {
                pid = Long.valueOf(digits);
                i = end + 1;
            }
        }
        String text = i < line.length() ? line.substring(i).stripLeading() : "";
        Instant parsed;
        try {
            parsed = Timestamps.parseIso(time + offset);
        } catch (DateTimeException e) {
            throw new RecordRejectedException("timestamp '" + time + (offset.isEmpty() ? "" : " " + offset)
                    + "' is not an Exim time (expected e.g. '2019-06-05 12:34:56')");
        }
        return new EximHeader(parsed, offset.isEmpty() ? time : time + " " + offset, pid, text);
    }

    /** Exim message ids: 6-6-2 base-62 characters, or 6-11-4 since Exim 4.97. */
    static boolean isMessageId(String token) {
        String[] parts = token.split("-", -1);
        return parts.length == 3 && parts[0].length() == 6 && parts[1].length() >= 6 && parts[1].length() <= 11
                && parts[2].length() >= 2 && parts[2].length() <= 4
                && token.chars().allMatch(c -> c == '-' || Character.isLetterOrDigit(c) && c < 128);
    }
}
