package dev.cloudwarden.app.store;

import dev.cloudwarden.engine.event.Digests;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** API token texts: made here, shown once, stored only as their SHA-256. */
public final class ApiTokens {
    /** Marks a CloudWarden token, so secret scanners and people recognise one. */
    public static final String PREFIX = "cw_";
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {
    }

    /** A new token: {@code cw_} and 256 random bits, base64url. */
    public static String newToken() {
        byte[] b = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(b);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The hex SHA-256 of a token's text: what the store keeps and looks tokens up by. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(Digests.sha256(token.getBytes(StandardCharsets.UTF_8)));
    }
}
