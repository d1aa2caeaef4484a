package dev.cloudwarden.engine.ingest.envelope;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/** Base64 payloads of envelopes, gunzipped when they are gzip (CloudWatch Logs subscriptions, Firehose). */
final class Decoding {
    private Decoding() {
    }

    /** @throws IOException saying what is wrong: not base64, a broken gzip stream, or more than {@code limit} bytes */
    static byte[] base64(String text, int limit) throws IOException {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("not base64: " + e.getMessage());
        }
        if (bytes.length < 2 || (bytes[0] & 0xFF) != 0x1f || (bytes[1] & 0xFF) != 0x8b) {
            return bytes;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            byte[] out = in.readNBytes(limit + 1);
            if (out.length > limit) {
                throw new IOException("gzip data decompresses to over " + limit + " bytes (the limit)");
            }
            return out;
        }
    }
}
