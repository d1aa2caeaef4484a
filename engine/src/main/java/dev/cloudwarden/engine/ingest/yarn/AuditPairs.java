package dev.cloudwarden.engine.ingest.yarn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message of an RMAuditLogger line: {@code KEY=value} pairs separated by tabs, in the order Hadoop
 * writes them ({@code USER IP OPERATION TARGET RESULT [DESCRIPTION PERMISSIONS] APPID ...}). A value runs
 * to the next tab, so descriptions with spaces and '=' survive whole.
 */
final class AuditPairs {
    private AuditPairs() {
    }

    static boolean isAudit(Log4jLine line) {
        return line.logger().endsWith("AuditLogger") && line.message().startsWith("USER=")
                || line.message().startsWith("USER=") && line.message().contains("\tOPERATION=");
    }

    /** The pairs; a piece without '=' (a stray tab inside a value) is appended to the value before it. */
    static Map<String, String> parse(String message) {
        Map<String, String> pairs = new LinkedHashMap<>();
        String lastKey = null;
        for (String piece : message.split("\t")) {
            int eq = piece.indexOf('=');
            if (eq > 0 && isKey(piece.substring(0, eq))) {
                lastKey = piece.substring(0, eq);
                pairs.put(lastKey, piece.substring(eq + 1).trim());
            } else if (lastKey != null) {
                pairs.put(lastKey, pairs.get(lastKey) + "\t" + piece);
            }
        }
        return pairs;
    }

    /** Hadoop's keys are upper-case enum names (USER, APPATTEMPTID, CALLERCONTEXT...). */
    private static boolean isKey(String s) {
        return s.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c == '_');
    }
}
