package dev.cloudwarden.app.store;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Local users' passwords, hashed with Argon2id (Spring Security's encoder over Bouncy Castle) at OWASP's
 * recommended cost (19 MiB, 2 passes, 1 lane, a 16-byte salt). The hash is a PHC string that carries its own
 * parameters, so raising the cost later leaves old hashes readable.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 1024;
    private static final Argon2PasswordEncoder ENCODER = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    /** Checked against when a name is unknown, so an unknown name takes as long to refuse as a wrong password. */
    private static final String DUMMY = ENCODER.encode("cloudwarden-no-such-user");

    private Passwords() {
    }

    public static String hash(String password) {
        check(password);
        return ENCODER.encode(password);
    }

    public static boolean matches(String password, String hash) {
        return password != null && password.length() <= MAX_LENGTH && ENCODER.matches(password, hash);
    }

    /** Spends the time of one check, for a name that has no user. */
    public static void matchNothing(String password) {
        ENCODER.matches(password == null ? "" : password.substring(0, Math.min(password.length(), MAX_LENGTH)), DUMMY);
    }

    /** Why a new password is refused, as an exception; long pass phrases are welcome, short ones are not. */
    public static void check(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a password has at most " + MAX_LENGTH + " characters");
        }
    }
}
