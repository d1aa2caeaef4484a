package dev.cloudwarden.engine.ingest.sshd;

import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.ingest.net.Addresses;

/**
 * What one auth.log message says: the operation, its outcome, and the user and client it names. The catalogues
 * ({@link SshdCatalogue}, {@link PamMessage}, {@link HostPrograms}) build it; {@link SshdParser} turns it into an
 * event.
 *
 * @param operation   {@code password}, {@code publickey}, {@code invalid_user}, {@code disconnect}, ... or {@code log}
 * @param user        the user the message names (for sudo and su, the one who ran it), or null
 * @param invalidUser whether the program said the user does not exist or may not log in
 * @param ip          the client's address, or null
 * @param port        the client's port, or null
 * @param host        the client's host name where the program logged a name instead of an address
 *                    ({@code UseDNS yes}, PAM's {@code rhost=}), or null
 * @param authMethod  the method of an Accepted/Failed line, as logged ({@code keyboard-interactive/pam}), or null
 */
record AuthMessage(String operation, Outcome outcome, String user, boolean invalidUser, String ip, Integer port,
                   String host, String authMethod) {
    static final Outcome FAILURE = Outcome.failure(null, null);
    static final AuthMessage NONE = new AuthMessage("log", Outcome.UNKNOWN, null, false, null, null, null, null);

    /** A message about {@code user} from {@code address}, which may be an IP address or a host name (or null). */
    static AuthMessage of(String operation, Outcome outcome, String user, boolean invalidUser, String address,
                          Integer port, String authMethod) {
        boolean ip = address == null || Addresses.looksLikeIp(address);
        return new AuthMessage(operation, outcome, user == null || user.isEmpty() ? null : user,
                invalidUser, ip ? address : null, port, ip ? null : address, authMethod);
    }

    /** A port as logged, or null when it is none. */
    static Integer port(String text) {
        if (text == null || text.isEmpty() || text.length() > 5) {
            return null;
        }
        int p = Integer.parseInt(text);
        return p <= 65535 ? p : null;
    }
}
