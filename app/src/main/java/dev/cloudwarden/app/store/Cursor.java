package dev.cloudwarden.app.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * An opaque page cursor: the sort key (time, id) of a page's last row, so the next page starts strictly after it
 * (keyset pagination: rows added meanwhile never shift a page, and no row is listed twice).
 */
record Cursor(Instant time, String id) {
    private static final char SEPARATOR = '\n';

    String encode() {
        long micros = time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "" + SEPARATOR + id).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String text) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int cut = s.indexOf(SEPARATOR);
            if (cut < 1) {
                throw new IllegalArgumentException("no separator");
            }
            long micros = Long.parseLong(s.substring(0, cut));
            return new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L),
                    s.substring(cut + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed page cursor: pass back the 'next' of the previous page unchanged", e);
        }
    }
}
