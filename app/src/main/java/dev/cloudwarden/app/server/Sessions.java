package dev.cloudwarden.app.server;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions of the web UI, held in memory: a restart signs everyone out, which a single service can afford
 * and which keeps session ids out of the store. A session lives until it has been idle for {@link #IDLE} or is
 * {@link #ABSOLUTE} old, whichever comes first; each carries its own CSRF token, which every state-changing request
 * made with the session's cookie must repeat.
 */
public final class Sessions {
    public static final String COOKIE = "cw_session";
    static final Duration IDLE = Duration.ofHours(2);
    static final Duration ABSOLUTE = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 10_000;

    /** One signed-in browser. */
    public record Session(String id, String csrf, Caller caller, Instant created, Instant lastSeen) {
    }

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session for {@code caller}: always a fresh id, so a session id planted before sign-in is worth nothing. */
    public Session open(Caller caller) {
        Instant now = clock.instant();
        if (byId.size() >= MAX_SESSIONS) {
            expire(now);
            if (byId.size() >= MAX_SESSIONS) { // still full: the oldest goes, never an unbounded map
                byId.values().stream().min(Comparator.comparing(Session::lastSeen)).ifPresent(s -> byId.remove(s.id()));
            }
        }
        Session s = new Session(token(), token(), caller, now, now);
        byId.put(s.id(), s);
        return s;
    }

    /** The live session of a cookie's value, its idle time restarted; empty when unknown or expired. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session s = byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (expired(s, now)) {
            byId.remove(id);
            return Optional.empty();
        }
        Session touched = new Session(s.id(), s.csrf(), s.caller(), s.created(), now);
        byId.replace(id, s, touched);
        return Optional.of(touched);
    }

    public void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** Whether {@code given} is the session's CSRF token, compared in constant time. */
    static boolean csrfMatches(Session s, String given) {
        return given != null && MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private void expire(Instant now) {
        byId.values().removeIf(s -> expired(s, now));
    }

    private static boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen().plus(IDLE)) || !now.isBefore(s.created().plus(ABSOLUTE));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
