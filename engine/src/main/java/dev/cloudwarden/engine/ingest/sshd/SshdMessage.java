package dev.cloudwarden.engine.ingest.sshd;

import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.ingest.net.Addresses;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one sshd message says about authentication: the operation, its outcome, and the user and client it
 * names. The shapes are OpenSSH's own (6.x to 10.x), with {@code [preauth]} suffixes and rsyslog's
 * {@code message repeated N times: [ ... ]} wrapper allowed.
 *
 * <p>The patterns are anchored and have no nested repetition, so their cost stays linear in the line even
 * for hostile input (an attacker chooses the user names sshd logs).
 *
 * @param operation   {@code password}, {@code publickey}, {@code invalid_user}, {@code disconnect}, ... or {@code log}
 * @param invalidUser whether sshd said the user does not exist
 * @param authMethod  the method of an Accepted/Failed line, as logged ({@code keyboard-interactive/pam})
 */
record SshdMessage(String operation, Outcome outcome, String user, boolean invalidUser, String ip, Integer port,
                   String authMethod) {

    private static final Pattern REPEATED = Pattern.compile("message repeated \\d+ times: \\[ ?(.*)\\]");
    private static final Pattern ACCEPTED_OR_FAILED = Pattern.compile(
            "(Accepted|Failed) (\\S+) for (invalid user )?(\\S*) from (\\S+) port (\\d+)");
    private static final Pattern MAX_ATTEMPTS = Pattern.compile(
            "error: maximum authentication attempts exceeded for (invalid user )?(\\S*) from (\\S+) port (\\d+)");

    /** Simple shapes: pattern, operation, outcome, and which groups hold user, ip and port (0 = none). */
    private record Shape(Pattern pattern, String operation, Outcome outcome, int user, int ip, int port,
                         boolean invalidUser) {
        Shape(String regex, String operation, Outcome outcome, int user, int ip, int port, boolean invalidUser) {
            this(Pattern.compile(regex), operation, outcome, user, ip, port, invalidUser);
        }
    }

    private static final Outcome FAILURE = Outcome.failure(null, null);

    private static final List<Shape> SHAPES = List.of(
            new Shape("Invalid user (\\S*) from (\\S+)(?: port (\\d+))?", "invalid_user", FAILURE, 1, 2, 3, true),
            new Shape("input_userauth_request: invalid user (\\S*)", "invalid_user", FAILURE, 1, 0, 0, true),
            new Shape("Received disconnect from (\\S+) port (\\d+):", "received_disconnect", Outcome.UNKNOWN, 0, 1, 2, false),
            // OpenSSH before 7.3 wrote no port: "Received disconnect from 192.0.2.1: 11: Bye Bye"
            new Shape("Received disconnect from ([^\\s:]+): ", "received_disconnect", Outcome.UNKNOWN, 0, 1, 0, false),
            new Shape("error: kex_exchange_identification: ", "kex_failure", FAILURE, 0, 0, 0, false),
            new Shape("Did not receive identification string from (\\S+)(?: port (\\d+))?", "no_identification", FAILURE, 0, 1, 2, false),
            new Shape("banner exchange: Connection from (\\S+) port (\\d+):", "kex_failure", FAILURE, 0, 1, 2, false),
            new Shape("Bad protocol version identification '.*' from (\\S+)(?: port (\\d+))?", "bad_protocol", FAILURE, 0, 1, 2, false),
            new Shape("Unable to negotiate with (\\S+) port (\\d+):", "negotiation_failure", FAILURE, 0, 1, 2, false),
            new Shape("fatal: Timeout before authentication for (\\S+) port (\\d+)", "auth_timeout", FAILURE, 0, 1, 2, false),
            new Shape("Connection from (\\S+) port (\\d+) on ", "connect", Outcome.UNKNOWN, 0, 1, 2, false),
            new Shape("pam_unix\\(sshd:session\\): session opened for user ([^\\s(]+)", "session_open", Outcome.SUCCESS, 1, 0, 0, false),
            new Shape("pam_unix\\(sshd:session\\): session closed for user ([^\\s(]+)", "session_close", Outcome.SUCCESS, 1, 0, 0, false));

    /** "Connection closed by" and "Disconnected from", which fail only when a user was still authenticating. */
    private static final Map<String, Pattern> CLOSES = Map.of(
            "connection_closed", Pattern.compile("Connection closed by (?:(invalid|authenticating) user (\\S*) )?(\\S+) port (\\d+)"),
            "disconnect", Pattern.compile("Disconnected from (?:(invalid|authenticating) user (\\S*) |user (\\S+) )?(\\S+) port (\\d+)"),
            "server_disconnect", Pattern.compile("Disconnecting (?:(invalid|authenticating) user (\\S*) )?(\\S+) port (\\d+)"));

    private static final Pattern ANY_CLIENT = Pattern.compile("(?:from|by) (\\S+) port (\\d+)");

    static SshdMessage classify(String message) {
        Matcher repeated = REPEATED.matcher(message);
        String m = repeated.matches() ? repeated.group(1) : message;

        Matcher af = ACCEPTED_OR_FAILED.matcher(m);
        if (af.lookingAt()) {
            boolean ok = af.group(1).equals("Accepted");
            String method = af.group(2);
            int slash = method.indexOf('/');
            return new SshdMessage(slash > 0 ? method.substring(0, slash) : method, ok ? Outcome.SUCCESS : FAILURE,
                    af.group(4), af.group(3) != null, af.group(5), port(af.group(6)), method);
        }
        Matcher max = MAX_ATTEMPTS.matcher(m);
        if (max.lookingAt()) {
            return new SshdMessage("max_auth_attempts", FAILURE, max.group(2), max.group(1) != null, max.group(3),
                    port(max.group(4)), null);
        }
        if (m.startsWith("pam_unix(sshd:auth): authentication failure;") || m.startsWith("PAM ")
                && m.contains("more authentication failure")) {
            String user = field(m, "user=");
            return new SshdMessage("authentication_failure", FAILURE, user, false, field(m, "rhost="), null, null);
        }
        for (Map.Entry<String, Pattern> close : CLOSES.entrySet()) {
            Matcher c = close.getValue().matcher(m);
            if (c.lookingAt()) {
                boolean preauthUser = c.group(1) != null;
                String user = preauthUser ? c.group(2) : c.groupCount() == 5 ? c.group(3) : null;
                int ip = c.groupCount() - 1;
                return new SshdMessage(close.getKey(), preauthUser ? FAILURE : Outcome.UNKNOWN, user,
                        "invalid".equals(c.group(1)), c.group(ip), port(c.group(ip + 1)), null);
            }
        }
        for (Shape s : SHAPES) {
            Matcher x = s.pattern().matcher(m);
            if (x.lookingAt()) {
                return new SshdMessage(s.operation(), s.outcome(), group(x, s.user()), s.invalidUser(),
                        group(x, s.ip()), port(group(x, s.port())), null);
            }
        }
        Matcher any = ANY_CLIENT.matcher(m);
        if (any.find() && Addresses.looksLikeIp(any.group(1))) {
            return new SshdMessage("log", Outcome.UNKNOWN, null, false, any.group(1), port(any.group(2)), null);
        }
        return new SshdMessage("log", Outcome.UNKNOWN, null, false, null, null, null);
    }

    private static String group(Matcher m, int group) {
        return group == 0 ? null : m.group(group);
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

    private static Integer port(String text) {
        if (text == null || text.length() > 5) {
            return null;
        }
        int p = Integer.parseInt(text);
        return p <= 65535 ? p : null;
    }
}
