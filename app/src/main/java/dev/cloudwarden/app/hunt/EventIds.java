package dev.cloudwarden.app.hunt;

import dev.cloudwarden.engine.event.Digests;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Origin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * An archived event's id: SHA-256 over where it was read (input, line, record index) and the digest of its record,
 * as 32 hex digits. The same record read again from the same place (a replayed batch, a rescan of the same file)
 * gets the same id, so the hunt view counts it once; two equal records at different lines stay two events.
 */
final class EventIds {
    private static final HexFormat HEX = HexFormat.of();

    private EventIds() {
    }

    static String of(Event e) {
        MessageDigest sha = Digests.newSha256();
        Origin o = e.origin();
        if (o != null) {
            sha.update(o.input().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update((o.line() + ":" + o.recordIndex()).getBytes(StandardCharsets.US_ASCII));
        }
        sha.update((byte) 0);
        sha.update(e.raw().digest());
        byte[] d = sha.digest();
        return HEX.formatHex(d, 0, 16);
    }
}
