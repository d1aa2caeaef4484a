package dev.cloudwarden.engine.ingest.sshd;

import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.ingest.net.Addresses;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenSSH's authentication and pre-authentication messages (portable 7.x to 10.x; {@code sshd}, {@code sshd-session}
 * and {@code sshd-auth} write the same ones), one row per format string of its sources: {@code auth.c},
 * {@code auth2*.c}, {@code auth-pam.c}, {@code sshd.c}, {@code sshd-session.c}, {@code monitor.c}, {@code packet.c},
 * {@code kex.c}, {@code serverloop.c}, {@code srclimit.c}. Each row names the operation, how the outcome is decided,
 * and which named groups hold the user ({@code user}, with {@code invalid} or {@code state} saying whether sshd knew
 * the user), the client ({@code addr}, an address or a host name, and {@code port}) and the method
 * ({@code method}). PAM's own lines in sshd's log are {@link PamMessage}'s.
 *
 * <p>Rows are found by the message's first word, so a line is tried against one to four patterns. Patterns are
 * anchored, and the one greedy {@code .*} of a row (a user name, which the client chooses and may contain spaces) is
 * followed by literal text, so matching stays linear in the line. {@code error: }/{@code fatal: } prefixes and
 * rsyslog's {@code message repeated N times: [ ... ]} wrapper are looked through.
 */
final class SshdCatalogue {
    /** How a row decides the outcome. */
    enum Verdict {
        SUCCESS, FAILURE, UNKNOWN,
        /** {@code Accepted} succeeds, {@code Failed} fails, {@code Postponed}/{@code Partial} are not decided yet. */
        RESULT,
        /** Fails when sshd was still authenticating the user ({@code invalid user x}, {@code authenticating user x}). */
        PREAUTH,
        /** {@code Received disconnect}: reason 14 (no more authentication methods) is the client giving up. */
        DISCONNECT_REASON
    }

    /**
     * One format string: its operation, verdict, fixed user (or null), the pattern, the literal text the pattern
     * starts with (tested before a matcher is made), and the numbers of its named groups (0: the row has none).
     */
    record Row(String operation, Verdict verdict, String fixedUser, Pattern pattern, String literalPrefix,
               int user, int invalid, int state, int addr, int port, int method, int result, int reason) {
        Row(String operation, Verdict verdict, String fixedUser, String regex) {
            this(operation, verdict, fixedUser, Pattern.compile(regex), literalPrefix(regex), group(regex, "user"),
                    group(regex, "invalid"), group(regex, "state"), group(regex, "addr"), group(regex, "port"),
                    group(regex, "method"), group(regex, "result"), group(regex, "reason"));
        }

        private static String literalPrefix(String regex) {
            int end = 0;
            while (end < regex.length() && "\\()[]{}.*+?|^$".indexOf(regex.charAt(end)) < 0) {
                end++;
            }
            return regex.substring(0, end);
        }

        /** The number of the group named {@code name}: Java 17's Pattern does not say, and by name is a map lookup. */
        private static int group(String regex, String name) {
            int number = 0;
            for (int i = 0; i < regex.length(); i++) {
                char c = regex.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '(' && (!regex.startsWith("(?", i) || regex.startsWith("(?<", i)
                        && !regex.startsWith("(?<=", i) && !regex.startsWith("(?<!", i))) {
                    number++;
                    if (regex.startsWith("(?<" + name + ">", i)) {
                        return number;
                    }
                }
            }
            return 0;
        }

        /** The first word of the pattern: the key rows are found by. */
        String firstWord() {
            String p = pattern.pattern();
            int space = p.indexOf(' ');
            return (space < 0 ? p : p.substring(0, space)).replace("\\", "");
        }

        /** The {@code group}th group's text, or null when the row has no such group or it did not take part. */
        static String text(Matcher m, int group) {
            return group == 0 ? null : m.group(group);
        }
    }

    // Pieces shared by rows. A client as packet.c's sshpkt_fmt_connection_id writes it: "[<state> user <name> ]<addr>
    // port <n>", where state is "invalid", "authenticating" (monitor.c of 10.x drops its space) or nothing (logged in).
    private static final String CLIENT = "(?:(?<state>invalid user|authenticating ?user|user) (?<user>.*) )?(?<addr>\\S+) port (?<port>\\d+)";
    private static final String FOR_USER = "(?<invalid>invalid user |illegal user )?(?<user>.*)";
    private static final String OPT_PORT = "(?: port (?<port>\\d+))?";
    private static final String S = "\\S+";

    /** The catalogue, in the order rows that share a first word are tried. */
    static final List<Row> ROWS = List.of(
            // auth.c auth_log: "%s %s%s%s for %s%.100s from %.200s port %d ssh2%s%s"; auth2-gss.c writes the same shape
            new Row(null, Verdict.RESULT, null, "(?<result>Accepted|Failed|Postponed|Partial) (?<method>" + S + ") for "
                    + FOR_USER + " from (?<addr>" + S + ") port (?<port>\\d+)"),
            // auth2-pubkey.c / auth2-hostbased.c (verbose): the key or certificate that a later Accepted line used
            new Row("key_found", Verdict.UNKNOWN, null, "Accepted (?:key|certificate|" + S + " public key) "),
            // auth.c getpwnamallow; before 7.4 without the port
            new Row("invalid_user", Verdict.FAILURE, null, "(?<invalid>Invalid|Illegal) user (?<user>.*) from (?<addr>" + S + ")" + OPT_PORT),
            // auth2.c before 7.5 (at debug level since)
            new Row("invalid_user", Verdict.FAILURE, null, "input_userauth_request: (?<invalid>invalid) user (?<user>" + S + ")"),
            // auth.c allowed_user: AllowUsers, DenyUsers, AllowGroups, DenyGroups ("from" names a host when UseDNS is on)
            new Row("user_not_allowed", Verdict.FAILURE, null, "User (?<user>.*) from (?<addr>" + S + ") not allowed because "),
            // auth.c allowed_user: locked account, missing or non-executable shell
            new Row("user_not_allowed", Verdict.FAILURE, null, "User (?<user>.*) not allowed because "),
            // auth.c auth_root_allowed (PermitRootLogin); before 7.4 without the port
            new Row("root_login_refused", Verdict.FAILURE, "root", "ROOT LOGIN REFUSED FROM (?<addr>" + S + ")" + OPT_PORT),
            // monitor.c (10.x): a Match block with RefuseConnection
            new Row("connection_refused", Verdict.FAILURE, null, "administratively prohibited connection for " + FOR_USER
                    + " from (?<addr>" + S + ") port (?<port>\\d+)"),
            // auth.c auth_maxtries_exceeded (an error)
            new Row("max_auth_attempts", Verdict.FAILURE, null, "maximum authentication attempts exceeded for " + FOR_USER
                    + " from (?<addr>" + S + ") port (?<port>\\d+)"),
            // auth-pam.c sshpam_query: "PAM: %s for %s%.100s from %.100s" (an error; "from" is PAM_RHOST)
            new Row("pam_failure", Verdict.FAILURE, null, "PAM: .+? for (?<invalid>illegal user )?(?<user>.*) from (?<addr>" + S + ")"),
            // auth2-chall.c / auth-passwd.c and friends: ownership checks and refused keys
            new Row("authentication_refused", Verdict.UNKNOWN, null, "Authentication refused for (?<user>.*): bad owner or modes "),
            new Row("authentication_refused", Verdict.UNKNOWN, null, "Authentication refused: "),
            // packet.c ssh_packet_disconnect: "Disconnecting %s: %.100s"; before 7.5 "Disconnecting: %.100s"
            new Row("server_disconnect", Verdict.PREAUTH, null, "Disconnecting " + CLIENT + ": "),
            new Row("max_auth_attempts", Verdict.FAILURE, null, "Disconnecting: Too many authentication failures for " + FOR_USER + " \\[preauth\\]"),
            new Row("max_auth_attempts", Verdict.FAILURE, null, "Disconnecting: Too many authentication failures"),
            new Row("server_disconnect", Verdict.UNKNOWN, null, "Disconnecting: "),
            // packet.c sshpkt_vfatal: the connection ended (before 7.4: no port, no user)
            new Row("disconnect", Verdict.PREAUTH, null, "Disconnected from " + CLIENT),
            new Row("disconnect", Verdict.UNKNOWN, null, "Disconnected from (?<addr>" + S + ")"),
            new Row("connection_closed", Verdict.PREAUTH, null, "Connection closed by " + CLIENT),
            new Row("connection_closed", Verdict.UNKNOWN, null, "Connection closed by (?<addr>" + S + ")"),
            new Row("connection_reset", Verdict.PREAUTH, null, "Connection reset by " + CLIENT),
            new Row("connection_reset", Verdict.UNKNOWN, null, "Connection reset by (?<addr>" + S + ")"),
            new Row("connection_timeout", Verdict.PREAUTH, null, "Connection from " + CLIENT + " timed out"),
            // sshd-session.c / sshd.c before 9.8 (verbose): a new connection
            new Row("connect", Verdict.UNKNOWN, null, "Connection from (?<addr>" + S + ") port (?<port>\\d+) on "),
            // packet.c: the client's SSH_MSG_DISCONNECT; 7.4+ "from %s port %d:%u: %.400s", before "from %s: %u: %.400s"
            new Row("received_disconnect", Verdict.DISCONNECT_REASON, null, "Received disconnect from (?<addr>" + S
                    + ") port (?<port>\\d+): ?(?<reason>\\d+): "),
            new Row("received_disconnect", Verdict.DISCONNECT_REASON, null, "Received disconnect from (?<addr>" + S + "): (?<reason>\\d+): "),
            // sshd.c before 8.2: banner problems; kex.c since (kex_exchange_identification, then a "banner exchange" fatal)
            new Row("no_identification", Verdict.FAILURE, null, "Did not receive identification string from (?<addr>" + S + ")" + OPT_PORT),
            new Row("bad_protocol", Verdict.FAILURE, null, "Bad protocol version identification '.*' from (?<addr>" + S + ")" + OPT_PORT),
            new Row("bad_protocol", Verdict.FAILURE, null, "Bad remote protocol version identification: "),
            new Row("bad_protocol", Verdict.FAILURE, null, "Protocol major versions differ for (?<addr>" + S + ")" + OPT_PORT + ": "),
            new Row("bad_protocol", Verdict.FAILURE, null, "Protocol major versions differ: "),
            new Row("kex_failure", Verdict.FAILURE, null, "kex_exchange_identification: "),
            new Row("kex_failure", Verdict.FAILURE, null, "banner exchange: Connection from (?<addr>" + S + ") port (?<port>\\d+): "),
            new Row("kex_failure", Verdict.FAILURE, null, "Connection timed out during banner exchange"),
            // packet.c: no common algorithm (a fatal; 7.x wrote "fatal: " before it)
            new Row("negotiation_failure", Verdict.FAILURE, null, "Unable to negotiate with " + CLIENT + ": "),
            // sshd-session.c (9.8+) and sshd.c before: LoginGraceTime ran out; before 7.4 without the port
            new Row("auth_timeout", Verdict.FAILURE, null, "Timeout before authentication for (?<addr>" + S + ") port (?<port>\\d+)"),
            // sshd.c 9.8+: the listener sees the session process exit on LoginGraceTime
            new Row("auth_timeout", Verdict.FAILURE, null, "Timeout before authentication for connection from (?<addr>[^\\s,]+)"),
            new Row("auth_timeout", Verdict.FAILURE, null, "Timeout before authentication for (?<addr>" + S + ")"),
            // serverloop.c: ClientAlive* gave up on a logged-in client
            new Row("client_timeout", Verdict.UNKNOWN, null, "Timeout, client not responding from " + CLIENT),
            // sshd.c: MaxStartups and (9.8+) PerSourcePenalties turned the connection away
            new Row("connection_dropped", Verdict.FAILURE, null, "drop connection #\\d+ from \\[(?<addr>[^\\]\\s]+)\\]:(?<port>\\d+) on "),
            // srclimit.c (9.8+): a source address earned a penalty (failed authentication, invalid user, grace time...)
            new Row("source_penalty", Verdict.UNKNOWN, null, "srclimit_penalise: ipv[46]: new (?<addr>[^/\\s]+)/\\d+ "),
            new Row("source_penalty", Verdict.UNKNOWN, null, "srclimit_penalise: (?<addr>[^/\\s]+)/\\d+: activating "),
            // canohost.c / packet.c remote_hostname (UseDNS yes); before 7.x with "- POSSIBLE BREAK-IN ATTEMPT!"
            new Row("reverse_mapping_failed", Verdict.UNKNOWN, null, "reverse mapping checking getaddrinfo for " + S + " \\[(?<addr>[^\\]\\s]+)\\] failed"),
            new Row("reverse_mapping_failed", Verdict.UNKNOWN, null, "Address (?<addr>" + S + ") maps to " + S + ", but this does not map back"),
            new Row("reverse_mapping_failed", Verdict.UNKNOWN, null, "Nasty PTR record \".*\" is set up for (?<addr>[^\\s,]+), ignoring"),
            // session.c (verbose): "Starting session: %s for %s from %.200s port %d id %d", and its end
            new Row("session_start", Verdict.SUCCESS, null, "Starting session: .* for (?<user>.*) from (?<addr>" + S + ") port (?<port>\\d+)"),
            new Row("session_close", Verdict.SUCCESS, null, "Close session: user (?<user>.*) from (?<addr>" + S + ") port (?<port>\\d+)"),
            // sshd-session.c (verbose): the end of a connection
            new Row("connection_closed", Verdict.UNKNOWN, null, "Closing connection to (?<addr>" + S + ") port (?<port>\\d+)"),
            // auth.c: PermitRootLogin forced-commands-only let root in
            new Row("root_login_forced_command", Verdict.SUCCESS, "root", "Root login accepted for forced command"));

    /** packet.c sshpkt_vfatal's default: "<what>: Connection from <client>: <error>" (dispatch, banner...). */
    private static final Row PROTOCOL_ERROR = new Row("protocol_error", Verdict.PREAUTH, null,
            ".*?: Connection from " + CLIENT + ": ");
    private static final Pattern REPEATED = Pattern.compile("message repeated \\d+ times: \\[ ?(.*)\\]");
    private static final Pattern ANY_CLIENT = Pattern.compile("(?:from|by) (\\S+) port (\\d+)");
    private static final Map<String, List<Row>> BY_FIRST_WORD = index();

    private SshdCatalogue() {
    }

    static AuthMessage classify(String message) {
        String m = message;
        if (m.startsWith("message repeated ")) {
            Matcher repeated = REPEATED.matcher(m);
            if (repeated.matches()) {
                m = repeated.group(1);
            }
        }
        if (m.startsWith("error: ") || m.startsWith("fatal: ")) {
            m = m.substring(7);
        }
        if (m.startsWith("pam_") || m.startsWith("PAM ")) {
            AuthMessage pam = PamMessage.classify(m);
            if (pam != null) {
                return pam;
            }
        }
        int space = m.indexOf(' ');
        List<Row> rows = BY_FIRST_WORD.get(space < 0 ? m : m.substring(0, space));
        if (rows != null) {
            for (Row row : rows) {
                if (!m.startsWith(row.literalPrefix())) {
                    continue;
                }
                Matcher x = row.pattern().matcher(m);
                if (x.lookingAt()) {
                    return read(row, x, m);
                }
            }
        }
        if (m.contains(": Connection from ")) {
            Matcher x = PROTOCOL_ERROR.pattern().matcher(m);
            if (x.lookingAt()) {
                return read(PROTOCOL_ERROR, x, m);
            }
        }
        Matcher any = ANY_CLIENT.matcher(m);
        if (any.find() && Addresses.looksLikeIp(any.group(1))) {
            return AuthMessage.of("log", Outcome.UNKNOWN, null, false, any.group(1), AuthMessage.port(any.group(2)), null);
        }
        return AuthMessage.NONE;
    }

    private static AuthMessage read(Row row, Matcher x, String m) {
        String user = row.user() != 0 ? x.group(row.user()) : row.fixedUser();
        String state = Row.text(x, row.state());
        boolean invalid = Row.text(x, row.invalid()) != null || state != null && state.startsWith("invalid");
        String method = Row.text(x, row.method());
        String operation = row.operation();
        Outcome outcome = switch (row.verdict()) {
            case SUCCESS -> Outcome.SUCCESS;
            case FAILURE -> AuthMessage.FAILURE;
            case UNKNOWN -> Outcome.UNKNOWN;
            case RESULT -> switch (x.group(row.result())) {
                case "Accepted" -> Outcome.SUCCESS;
                case "Failed" -> AuthMessage.FAILURE;
                default -> Outcome.UNKNOWN;
            };
            case PREAUTH -> state != null && !state.equals("user") || m.endsWith("[preauth]") && row == PROTOCOL_ERROR
                    ? AuthMessage.FAILURE : Outcome.UNKNOWN;
            case DISCONNECT_REASON -> "14".equals(x.group(row.reason())) ? AuthMessage.FAILURE : Outcome.UNKNOWN;
        };
        if (operation == null) { // an Accepted/Failed line is named for its method, "keyboard-interactive/pam" for the first part
            int slash = method.indexOf('/');
            operation = slash > 0 ? method.substring(0, slash) : method;
        }
        return AuthMessage.of(operation, outcome, user, invalid, Row.text(x, row.addr()),
                AuthMessage.port(Row.text(x, row.port())), method);
    }

    private static Map<String, List<Row>> index() {
        Map<String, List<Row>> byWord = new HashMap<>();
        for (Row row : ROWS) {
            String word = row.firstWord();
            if (word.startsWith("(?<result>")) { // the Accepted/Failed row starts with an alternation
                for (String result : List.of("Accepted", "Failed", "Postponed", "Partial")) {
                    byWord.computeIfAbsent(result, k -> new ArrayList<>()).add(row);
                }
            } else if (word.startsWith("(?<invalid>")) {
                byWord.computeIfAbsent("Invalid", k -> new ArrayList<>()).add(row);
                byWord.computeIfAbsent("Illegal", k -> new ArrayList<>()).add(row);
            } else {
                byWord.computeIfAbsent(word, k -> new ArrayList<>()).add(row);
            }
        }
        byWord.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(byWord);
    }
}
