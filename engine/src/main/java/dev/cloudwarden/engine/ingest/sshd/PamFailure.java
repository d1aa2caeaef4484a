package dev.cloudwarden.engine.ingest.sshd;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fields of a PAM authentication failure ({@code pam_unix(sshd:auth): authentication failure; logname=
 * uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.7  user=root}), under the names Sigma's Linux rules use:
 * {@code pam_message}, {@code pam_user}, {@code pam_rhost}, {@code pam_ruser}, {@code pam_tty}. Any
 * program's PAM lines qualify (su and sudo log the same shape).
 */
final class PamFailure {
    private PamFailure() {
    }

    static void extract(String message, ObjectNode raw) {
        if (!message.startsWith("pam_unix(") && !message.startsWith("PAM ")) {
            return;
        }
        int semicolon = message.indexOf(';');
        if (semicolon < 0 || !message.substring(0, semicolon).contains("authentication failure")) {
            return;
        }
        raw.put("pam_message", "authentication failure");
        for (String pair : message.substring(semicolon + 1).trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                continue; // "ruser=" and friends: PAM writes empty values, which mean nothing
            }
            String key = pair.substring(0, eq);
            if (key.equals("user") || key.equals("rhost") || key.equals("ruser") || key.equals("tty")) {
                raw.put("pam_" + key, pair.substring(eq + 1));
            }
        }
    }
}
