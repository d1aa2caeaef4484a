package dev.cloudwarden.engine.alert;

import dev.cloudwarden.engine.event.Digests;
import dev.cloudwarden.engine.event.RawRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Deterministic alert ids: SHA-256 over the rule id and the digests of the contributing events' original
 * records (each record is hashed once, however many rules it fires), cut to 128 bits.
 */
public final class AlertIds {
    private AlertIds() {
    }

    public static String of(String ruleId, Iterable<RawRecord> records) {
        MessageDigest d = Digests.newSha256();
        d.update(ruleId.getBytes(StandardCharsets.UTF_8));
        for (RawRecord r : records) {
            d.update((byte) 0);
            d.update(r.digest());
        }
        return HexFormat.of().formatHex(d.digest(), 0, 16);
    }

}
