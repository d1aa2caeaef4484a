package dev.cloudwarden.engine.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic alert ids: SHA-256 over the rule id and the contributing events' original text. */
public final class AlertIds {
    private AlertIds() {
    }

    public static String of(String ruleId, Iterable<String> eventTexts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(ruleId.getBytes(StandardCharsets.UTF_8));
            for (String t : eventTexts) {
                d.update((byte) 0);
                d.update(t.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
