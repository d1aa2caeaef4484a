package dev.cloudwarden.engine.ingest.sshd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Outcome;

/**
 * PAM modules' lines, whatever program loaded them ({@code pam_unix(sshd:auth): ...}, {@code pam_unix(sudo:session):
 * ...}, {@code pam_sss(su-l:auth): ...}): the messages of linux-pam's {@code modules/pam_unix} ({@code support.c},
 * {@code pam_unix_auth.c}, {@code pam_unix_acct.c}, {@code pam_unix_sess.c}, {@code pam_unix_passwd.c}) and the
 * {@code authentication failure} line every password module writes in pam_unix's shape, plus pam_faillock's lock.
 * {@code PAM N more authentication failures} is pam_unix's summary as libpam logs it outside the module.
 *
 * <p>The fields of an authentication failure ({@code logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.7
 * user=root}) also go to the raw record under the names Sigma's Linux rules use: {@code pam_message},
 * {@code pam_user}, {@code pam_rhost}, {@code pam_ruser}, {@code pam_tty}.
 */
final class PamMessage {
    private PamMessage() {
    }

    /** What a PAM line says, or null when {@code message} is not one this class knows. */
    static AuthMessage classify(String message) {
        String text = text(message);
        if (text == null) {
            return null;
        }
        int semicolon = text.indexOf(';');
        String head = semicolon < 0 ? text : text.substring(0, semicolon);
        if (head.equals("authentication failure") || head.endsWith(" more authentication failure")
                || head.endsWith(" more authentication failures")) {
            String rhost = field(text, "rhost=");
            return AuthMessage.of(head.startsWith("auth") ? "authentication_failure" : "authentication_failures",
                    AuthMessage.FAILURE, field(text, "user="), false, rhost, null, null);
        }
        if (text.startsWith("check pass; user unknown")) {
            return AuthMessage.of("unknown_user", AuthMessage.FAILURE, null, true, null, null, null);
        }
        if (text.startsWith("session opened for user ")) {
            return AuthMessage.of("session_open", Outcome.SUCCESS, name(text, 24), false, null, null, null);
        }
        if (text.startsWith("session closed for user ")) {
            return AuthMessage.of("session_close", Outcome.SUCCESS, name(text, 24), false, null, null, null);
        }
        if (text.startsWith("auth could not identify password for [")) {
            return AuthMessage.of("no_password", AuthMessage.FAILURE, bracketed(text), false, null, null, null);
        }
        if (text.startsWith("bad username [")) {
            return AuthMessage.of("bad_username", AuthMessage.FAILURE, bracketed(text), true, null, null, null);
        }
        if (text.startsWith("account ") && text.contains(" has expired")) {
            return AuthMessage.of("account_expired", AuthMessage.FAILURE, name(text, 8), false, null, null, null);
        }
        if (text.startsWith("expired password for user ")) {
            return AuthMessage.of("password_expired", AuthMessage.FAILURE, name(text, 26), false, null, null, null);
        }
        if (text.startsWith("password changed for ")) {
            return AuthMessage.of("password_change", Outcome.SUCCESS, name(text, 21), false, null, null, null);
        }
        if (text.startsWith("Consecutive login failures for user ")) { // pam_faillock
            return AuthMessage.of("account_locked", AuthMessage.FAILURE, name(text, 36), false, null, null, null);
        }
        return null;
    }

    /** Copies an authentication failure's fields into {@code raw}, under Sigma's names. */
    static void extract(String message, ObjectNode raw) {
        String text = text(message);
        int semicolon = text == null ? -1 : text.indexOf(';');
        if (semicolon < 0 || !text.substring(0, semicolon).contains("authentication failure")) {
            return;
        }
        raw.put("pam_message", "authentication failure");
        for (String pair : text.substring(semicolon + 1).trim().split("\\s+")) {
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

    /** The text after {@code pam_x(service:type): } or {@code PAM }, or null when the line is not a module's. */
    private static String text(String message) {
        if (message.startsWith("PAM ")) {
            return message.substring(4);
        }
        if (!message.startsWith("pam_")) {
            return null;
        }
        int close = message.indexOf("): ");
        return close < 0 || close > 64 ? null : message.substring(close + 3);
    }

    /** The value of {@code key} in a PAM "a=b c=d" list, or null when absent or empty. */
    private static String field(String m, String key) {
        int at = m.indexOf(" " + key);
        if (at < 0) {
            return null;
        }
        int start = at + 1 + key.length();
        int end = m.indexOf(' ', start);
        String v = end < 0 ? m.substring(start) : m.substring(start, end);
        return v.isEmpty() ? null : v;
    }

    /** The user name at {@code from}, up to a space, "(uid=" or the end. */
    private static String name(String text, int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) != ' ' && text.charAt(end) != '(') {
            end++;
        }
        return end > from ? text.substring(from, end) : null;
    }

    private static String bracketed(String text) {
        int open = text.indexOf('[');
        int close = text.lastIndexOf(']');
        return close > open ? text.substring(open + 1, close) : null;
    }
}
