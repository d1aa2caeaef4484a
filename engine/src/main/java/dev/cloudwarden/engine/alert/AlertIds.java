package dev.cloudwarden.engine.alert;

import dev.cloudwarden.engine.event.RawRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic alert ids: SHA-256 over the rule id and the digests of the contributing events' original
 * records (each record is hashed once, however many rules it fires), cut to 128 bits.
 */
public final class AlertIds {
    private AlertIds() {
    }

    public static String of(String ruleId, Iterable<RawRecord> records) {
        MessageDigest d = sha256();
        d.update(ruleId.getBytes(StandardCharsets.UTF_8));
        for (RawRecord r : records) {
            d.update((byte) 0);
            d.update(r.digest());
        }
        return HexFormat.of().formatHex(d.digest(), 0, 16);
    }

    /** SHA-256 of some bytes (used for record digests). */
    public static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
