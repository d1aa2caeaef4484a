package dev.cloudwarden.engine.event;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, for record digests and the ids derived from them; at the bottom, so every layer may use it. */
public final class Digests {
    private Digests() {
    }

    public static byte[] sha256(byte[] bytes) {
        return newSha256().digest(bytes);
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
