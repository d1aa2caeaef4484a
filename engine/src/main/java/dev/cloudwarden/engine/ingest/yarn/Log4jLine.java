package dev.cloudwarden.engine.ingest.yarn;

import java.util.Set;

/**
 * A log4j line as Hadoop's default layouts write it: {@code %d{ISO8601} %p %c: %m} (the ResourceManager
 * log and its audit appender, where {@code %c{2}} shortens the logger to {@code resourcemanager.RMAuditLogger})
 * and {@code %d{ISO8601} %-5p [%t] %c{2} (%F:%M(%L)) - %m}, the layout some distributions ship.
 *
 * @param timeText {@code 2019-09-14 10:22:15,330}
 * @param thread   the thread name, or null when the layout has none
 */
record Log4jLine(String timeText, String level, String thread, String logger, String message) {
    static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");

    /** The line split into its parts, or null when it does not start with a log4j timestamp and level. */
    static Log4jLine parse(String line) {
        if (!startsWithTimestamp(line)) {
            return null;
        }
        String timeText = line.substring(0, 23);
        int i = 24;
        int levelEnd = line.indexOf(' ', i);
        if (levelEnd < 0) {
            return null;
        }
        String level = line.substring(i, levelEnd);
        if (!LEVELS.contains(level)) {
            return null;
        }
        i = skipSpaces(line, levelEnd);
        String thread = null;
        if (i < line.length() && line.charAt(i) == '[') {
            int end = line.indexOf("] ", i);
            if (end < 0) {
                return null;
            }
            thread = line.substring(i + 1, end);
            i = end + 2;
        }
        int loggerEnd = line.indexOf(' ', i);
        if (loggerEnd < 0) {
            String logger = line.substring(i);
            return new Log4jLine(timeText, level, thread, logger.endsWith(":") ? logger.substring(0, logger.length() - 1) : logger, "");
        }
        String logger = line.substring(i, loggerEnd);
        String rest = line.substring(loggerEnd + 1);
        if (logger.endsWith(":")) {
            return new Log4jLine(timeText, level, thread, logger.substring(0, logger.length() - 1), rest);
        }
        // The second layout: "(File.java:method(123)) - message"
        int dash = rest.indexOf(" - ");
        if (rest.startsWith("(") && dash > 0) {
            return new Log4jLine(timeText, level, thread, logger, rest.substring(dash + 3));
        }
        if (rest.startsWith("- ")) {
            return new Log4jLine(timeText, level, thread, logger, rest.substring(2));
        }
        return new Log4jLine(timeText, level, thread, logger, rest);
    }

    /** {@code yyyy-MM-dd HH:mm:ss,SSS } */
    static boolean startsWithTimestamp(String line) {
        return line.length() > 24 && line.charAt(4) == '-' && line.charAt(7) == '-' && line.charAt(10) == ' '
                && line.charAt(13) == ':' && line.charAt(16) == ':' && line.charAt(19) == ','
                && line.charAt(23) == ' ' && Character.isDigit(line.charAt(0)) && Character.isDigit(line.charAt(22));
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
