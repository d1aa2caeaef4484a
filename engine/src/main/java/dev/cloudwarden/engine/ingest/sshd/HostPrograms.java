package dev.cloudwarden.engine.ingest.sshd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Outcome;

import java.util.Locale;

/**
 * The lines of auth.log's other programs that Sigma's Linux log sources read: sudo ({@code user : TTY=pts/0 ;
 * PWD=/home/user ; USER=root ; COMMAND=/bin/ls}, with a reason before {@code TTY} when sudo refused), su (util-linux
 * {@code (to root) user on pts/0} and {@code FAILED SU (to root) user on pts/0}; shadow-utils {@code Successful su for
 * root by user}, {@code FAILED su for root by user}, {@code + pts/0 user:root}, {@code - pts/0 user:root}) and cron
 * (Debian cron and cronie: {@code (user) CMD (command)}, {@code (user) RELOAD (crontabs/user)}, {@code (CRON) INFO
 * (...)}, crontab's {@code (user) REPLACE (user)}). PAM lines of any program are {@link PamMessage}'s.
 *
 * <p>Raw fields: sudo's own keys as it writes them ({@code TTY}, {@code PWD}, {@code USER}, {@code GROUP},
 * {@code ENV}, {@code COMMAND}...: the names Sigma's sudo rules use) and {@code reason}; su's {@code target_user} and
 * {@code tty}; cron's {@code command}. All three set {@code user}: who ran sudo or su, whose crontab ran.
 */
final class HostPrograms {
    private HostPrograms() {
    }

    /** What a line of {@code program} says (writing its fields into {@code raw}), or null when it is not known. */
    static AuthMessage classify(String program, String message, ObjectNode raw) {
        if (message.startsWith("pam_") || message.startsWith("PAM ")) {
            return PamMessage.classify(message);
        }
        return switch (program.toLowerCase(Locale.ROOT)) {
            case "sudo" -> sudo(message, raw);
            case "su" -> su(message, raw);
            case "cron", "crond", "crontab" -> cron(message, raw);
            default -> null;
        };
    }

    /** sudo's logging.c: "user : [reason ; ]TTY=... ; PWD=... ; USER=... ; [GROUP=... ; ][ENV=... ; ]COMMAND=...". */
    private static AuthMessage sudo(String message, ObjectNode raw) {
        int colon = message.indexOf(" : ");
        if (colon <= 0 || !message.contains("=")) {
            return null;
        }
        String user = message.substring(0, colon).trim();
        String reason = null;
        int pos = colon + 3;
        while (pos < message.length()) {
            int end = message.indexOf(" ; ", pos);
            String item = message.substring(pos, end < 0 ? message.length() : end);
            int eq = item.indexOf('=');
            if (eq > 0 && isKey(item, eq)) {
                String key = item.substring(0, eq);
                if (key.equals("COMMAND")) { // the last key: its value may itself hold " ; "
                    raw.put(key, message.substring(pos + eq + 1));
                    break;
                }
                raw.put(key, item.substring(eq + 1));
            } else if (reason == null) {
                reason = item;
            }
            if (end < 0) {
                break;
            }
            pos = end + 3;
        }
        raw.put("user", user);
        if (reason == null) {
            return AuthMessage.of("command", Outcome.SUCCESS, user, false, null, null, null);
        }
        raw.put("reason", reason);
        String operation;
        if (reason.contains("incorrect password attempt")) {
            operation = "incorrect_password";
        } else if (reason.equals("user NOT in sudoers")) {
            operation = "not_in_sudoers";
        } else if (reason.startsWith("user NOT authorized on host")) {
            operation = "not_authorized_on_host";
        } else if (reason.equals("command not allowed")) {
            operation = "command_not_allowed";
        } else if (reason.equals("a password is required")) {
            operation = "password_required";
        } else {
            operation = "refused";
        }
        return AuthMessage.of(operation, AuthMessage.FAILURE, user, false, null, null, null);
    }

    private static boolean isKey(String item, int eq) {
        for (int i = 0; i < eq; i++) {
            char c = item.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static AuthMessage su(String message, ObjectNode raw) {
        boolean failed = message.startsWith("FAILED SU (to ");
        if (failed || message.startsWith("(to ")) { // util-linux su-common.c: "%s(to %s) %s on %s"
            int to = message.indexOf("(to ") + 4;
            int close = message.indexOf(") ", to);
            int on = close < 0 ? -1 : message.lastIndexOf(" on ");
            if (on <= close) {
                return null;
            }
            return su(failed, message.substring(close + 2, on), message.substring(to, close),
                    message.substring(on + 4), raw);
        }
        boolean ok = message.startsWith("Successful su for ");
        if (ok || message.startsWith("FAILED su for ")) { // shadow-utils su.c
            int by = message.indexOf(" by ");
            if (by < 0) {
                return null;
            }
            return su(!ok, message.substring(by + 4), message.substring(ok ? 18 : 14, by), null, raw);
        }
        if ((message.startsWith("+ ") || message.startsWith("- ")) && message.indexOf(':') > 2) { // shadow-utils sulog
            int space = message.indexOf(' ', 2);
            int colon = message.lastIndexOf(':');
            if (space < 0 || colon < space) {
                return null;
            }
            return su(message.charAt(0) == '-', message.substring(space + 1, colon), message.substring(colon + 1),
                    message.substring(2, space), raw);
        }
        return null;
    }

    private static AuthMessage su(boolean failed, String user, String target, String tty, ObjectNode raw) {
        raw.put("user", user);
        raw.put("target_user", target);
        if (tty != null) {
            raw.put("tty", tty);
        }
        return AuthMessage.of("su", failed ? AuthMessage.FAILURE : Outcome.SUCCESS, user, false, null, null, null);
    }

    /** "(user) ACTION (detail)": cron's do_command and log_it, crontab's edits. */
    private static AuthMessage cron(String message, ObjectNode raw) {
        int close = message.indexOf(") ");
        int open = close < 0 ? -1 : message.indexOf(" (", close + 1);
        if (!message.startsWith("(") || open < 0 || !message.endsWith(")")) {
            return null;
        }
        String user = message.substring(1, close);
        String action = message.substring(close + 2, open);
        String detail = message.substring(open + 2, message.length() - 1);
        boolean system = user.equals("CRON") || user.startsWith("*");
        if (!system) {
            raw.put("user", user);
        }
        String operation = switch (action) {
            case "CMD" -> "command";
            case "CMDEND" -> "command_end";
            case "CMDOUT" -> "command_output";
            default -> action.toLowerCase(Locale.ROOT).replace(' ', '_');
        };
        if (action.startsWith("CMD")) {
            raw.put("command", detail);
        }
        return AuthMessage.of(operation, Outcome.UNKNOWN, system ? null : user, false, null, null, null);
    }
}
